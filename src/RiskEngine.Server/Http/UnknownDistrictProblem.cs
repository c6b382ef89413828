namespace RiskEngine.Server.Http;

/// <summary>
/// How a read of a district outside the caller's jurisdiction is answered: exactly as a district that does not exist,
/// so the answer says nothing of what lies beyond one's own districts.
/// </summary>
public static class UnknownDistrictProblem
{
    public static IResult For(string code) =>
        Results.Problem(title: "Unknown district", detail: $"There is no district '{code}' in your jurisdiction.", statusCode: StatusCodes.Status404NotFound);
}

using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Server.Signals;
using RiskEngine.Storage;

namespace RiskEngine.Server.Subjects;

/// <summary>Registration of entities and units, and reads of their live risk.</summary>
public static class SubjectEndpoints
{
    public static RouteGroupBuilder MapSubjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/entities", RegisterEntitiesAsync)
            .WithName("RegisterEntities").WithTags("Subjects")
            .WithSummary("Register or update market entities (batch, idempotent upsert)")
            .RequireAuthorization(Policies.Ingest)
            .Accepts<EntityRegistrationRequest[]>("application/json", BatchBodyReader.NdjsonMediaType)
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapPost("/equipment", RegisterEquipmentAsync)
            .WithName("RegisterEquipment").WithTags("Subjects")
            .WithSummary("Register or update special-equipment units (batch, idempotent upsert)")
            .RequireAuthorization(Policies.Ingest)
            .Accepts<EquipmentRegistrationRequest[]>("application/json", BatchBodyReader.NdjsonMediaType)
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/entities/{uscc}", GetEntityAsync)
            .WithName("GetEntity").WithTags("Subjects")
            .WithSummary("An entity's live risk score, level and reasons")
            .RequireAuthorization(Policies.Read)
            .Produces<SubjectRiskResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/equipment/{code}", GetEquipmentAsync)
            .WithName("GetEquipment").WithTags("Subjects")
            .WithSummary("A unit's live risk score, level and reasons")
            .RequireAuthorization(Policies.Read)
            .Produces<SubjectRiskResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> RegisterEntitiesAsync(
        HttpRequest request, RegistrationValidator validator, ISubjectDirectory directory, IGrainFactory grains,
        IOptions<IngestOptions> options, CancellationToken cancellationToken) =>
        RegisterAsync<EntityRegistration>(request, options.Value, validator.TryValidateEntity,
            (batch, token) => directory.UpsertEntitiesAsync(batch, token),
            e => e.Uscc,
            e => grains.GetEntity(e.Uscc).RegisterAsync(new EntityProfileUpdate(e.Name, e.District, e.Industry, e.CreditClass)),
            cancellationToken);

    private static Task<IResult> RegisterEquipmentAsync(
        HttpRequest request, RegistrationValidator validator, ISubjectDirectory directory, IGrainFactory grains,
        IOptions<IngestOptions> options, CancellationToken cancellationToken) =>
        RegisterAsync<EquipmentRegistration>(request, options.Value, validator.TryValidateEquipment,
            (batch, token) => directory.UpsertEquipmentAsync(batch, token),
            u => u.Code,
            u => grains.GetEquipment(u.Code).RegisterAsync(new EquipmentProfileUpdate(u.Name, u.District, u.OwnerUscc, u.Class,
                u.NextInspectionDue?.ToDateTime(TimeOnly.MinValue), u.LastMaintenanceAt)),
            cancellationToken);

    private delegate bool Validate<T>(System.Text.Json.JsonElement item, out T? value, out string error);

    private static async Task<IResult> RegisterAsync<T>(
        HttpRequest request,
        IngestOptions options,
        Validate<T> validate,
        Func<IReadOnlyList<T>, CancellationToken, Task<RegistrationResult>> upsert,
        Func<T, string> idOf,
        Func<T, Task> tellGrain,
        CancellationToken cancellationToken)
        where T : class
    {
        IReadOnlyList<BatchBodyReader.BatchItem> items;
        try
        {
            items = await BatchBodyReader.ReadAsync(request, options.MaxBodyBytes, options.MaxItemsPerRequest, cancellationToken);
        }
        catch (BatchBodyReader.BatchBodyException error)
        {
            return Results.Problem(title: error.Title, detail: error.Message, statusCode: error.Status);
        }

        var valid = new List<T>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var index = 0; index < items.Count; index++)
        {
            if (items[index].Error is { } lineError)
            {
                rejected.Add(new RejectedItem(index, lineError));
            }
            else if (validate(items[index].Value, out var value, out var error))
            {
                valid.Add(value!);
            }
            else
            {
                rejected.Add(new RejectedItem(index, error));
            }
        }

        var result = await upsert(valid, CancellationToken.None);

        // Only subjects known before can have a live grain; a new one reads its registration when it first activates,
        // and one whose registration did not change has nothing to hear (a registry imported again wakes no grain).
        var changed = result.ChangedIds.ToHashSet(StringComparer.Ordinal);
        await Task.WhenAll(valid.Where(v => changed.Contains(idOf(v))).Select(tellGrain));
        return Results.Ok(new RegistrationResponse(result.Created, result.Updated, rejected));
    }

    private static async Task<IResult> GetEntityAsync(string uscc, IGrainFactory grains, ISubjectDirectory directory, System.Security.Claims.ClaimsPrincipal user)
    {
        if (!Uscc.TryParse(uscc, out var id, out var error))
        {
            return Results.Problem(title: "Invalid USCC", detail: $"uscc: {error}", statusCode: StatusCodes.Status400BadRequest);
        }

        // Ask the directory first, so a read of an unknown code never creates a grain.
        return await directory.ExistsAsync(id.Value)
            ? Visible(await grains.GetEntity(id.Value).GetRiskAsync(), user, "entity")
            : NotFound("entity", id.Value);
    }

    private static async Task<IResult> GetEquipmentAsync(string code, IGrainFactory grains, ISubjectDirectory directory, System.Security.Claims.ClaimsPrincipal user)
    {
        if (!EquipmentCode.TryParse(code, out var id, out var error))
        {
            return Results.Problem(title: "Invalid equipment code", detail: $"code: {error}", statusCode: StatusCodes.Status400BadRequest);
        }

        return await directory.ExistsAsync(id.Value)
            ? Visible(await grains.GetEquipment(id.Value).GetRiskAsync(), user, "equipment unit")
            : NotFound("equipment unit", id.Value);
    }

    // A subject outside the caller's jurisdiction is answered as one that does not exist: its district is not disclosed.
    private static IResult Visible(SubjectRiskView risk, System.Security.Claims.ClaimsPrincipal user, string what) =>
        user.CanSee(risk.District) ? Results.Ok(ToResponse(risk)) : NotFound(what, risk.Id);

    private static IResult NotFound(string what, string id) =>
        Results.Problem(title: "Unknown subject", detail: $"No {what} {id} in your jurisdiction is registered or named by a signal.", statusCode: StatusCodes.Status404NotFound);

    public static SubjectRiskResponse ToResponse(SubjectRiskView view) => new(
        view.Id,
        view.Name,
        view.District,
        view.Score,
        view.Level.ToWire(),
        view.Reasons.Select(r => new ReasonResponse(r.Code, r.Zh, r.En, r.Contribution)).ToArray(),
        view.UpdatedAt,
        view.SignalCount,
        view.Kind == SubjectKind.Entity ? "entity" : "equipment",
        view.Registered,
        view.Category,
        view.Owner,
        view.Probability is { } probability ? Math.Round(probability, 4) : null,
        view.ModelVersion);
}

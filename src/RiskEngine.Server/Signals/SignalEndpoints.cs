using Microsoft.Extensions.Options;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Storage;

namespace RiskEngine.Server.Signals;

/// <summary>POST /api/v1/signals: batches in, durable before the answer.</summary>
public static class SignalEndpoints
{
    public static RouteGroupBuilder MapSignalEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/signals", IngestAsync)
            .WithName("IngestSignals")
            .WithTags("Signals")
            .WithSummary("Ingest a batch of signals")
            .WithDescription("A JSON array of signals, or NDJSON with Content-Type application/x-ndjson. Answers 202 once every accepted signal is durable; invalid items are listed by index and the valid ones are accepted. An engine over capacity answers 503 at once, with Retry-After, and takes nothing of the request.")
            .RequireAuthorization(Policies.Ingest)
            .AddEndpointFilter<IngestAdmissionFilter>()
            .Accepts<SignalRequest[]>("application/json", BatchBodyReader.NdjsonMediaType)
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> IngestAsync(
        HttpRequest request,
        SignalValidator validator,
        SignalPipeline pipeline,
        IOptions<IngestOptions> options,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchBodyReader.BatchItem> items;
        try
        {
            items = await BatchBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, options.Value.MaxItemsPerRequest, cancellationToken);
        }
        catch (BatchBodyReader.BatchBodyException error)
        {
            return Results.Problem(title: error.Title, detail: error.Message, statusCode: error.Status);
        }

        var accepted = new List<SignalToAppend>(items.Count);
        var rejected = new List<RejectedItem>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (item.Error is not null)
            {
                rejected.Add(new RejectedItem(index, item.Error));
            }
            else if (validator.TryValidate(item.Value, out var signal, out var error))
            {
                accepted.Add(signal!);
            }
            else
            {
                rejected.Add(new RejectedItem(index, error));
            }
        }

        // Once the append starts the batch is the engine's: a client that hangs up does not undo it.
        var result = await pipeline.IngestAsync(accepted, rejected.Count, CancellationToken.None);
        return Results.Json(new IngestResponse(result.Accepted, result.Duplicates, rejected), statusCode: StatusCodes.Status202Accepted);
    }
}

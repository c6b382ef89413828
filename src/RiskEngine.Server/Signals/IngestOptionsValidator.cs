using Microsoft.Extensions.Options;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Signals;

/// <summary>The rules of the "Ingest" section that span settings (or the clock); each property's range is on the property.</summary>
public sealed class IngestOptionsValidator(TimeProvider clock) : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        if (options.RequestBurst < options.RequestsPerSecond)
        {
            failures.Add($"{IngestOptions.Section}:{nameof(IngestOptions.RequestBurst)} must be at least {IngestOptions.Section}:{nameof(IngestOptions.RequestsPerSecond)}, "
                + $"which a smaller bucket never reaches (was {options.RequestBurst} against {options.RequestsPerSecond})");
        }

        if (options.OldestOccurredAt >= clock.GetUtcNow())
        {
            failures.Add($"{IngestOptions.Section}:{nameof(IngestOptions.OldestOccurredAt)} must be in the past, or every signal is refused "
                + $"(was {SettingText.Of(options.OldestOccurredAt)})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

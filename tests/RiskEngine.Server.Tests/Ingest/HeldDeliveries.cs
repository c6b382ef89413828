using System.Collections.Concurrent;
using RiskEngine.Abstractions;

namespace RiskEngine.Server.Tests.Ingest;

/// <summary>
/// A grain call filter that holds every delivery of signals to a subject grain (<see cref="ISubjectGrain.ApplyAsync"/>)
/// until that subject, or all, are released, as grains that cannot keep up would: what is logged stays not applied, so
/// the test sets the engine's backlog exactly, whatever the machine's speed.
/// </summary>
public sealed class HeldDeliveries : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _subjects = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISubjectGrain && context.MethodName == nameof(ISubjectGrain.ApplyAsync))
        {
            await Task.WhenAny(Gate(SubjectKeys.SubjectId(context.TargetId.Key.ToString())).Task, _all.Task);
        }

        await context.Invoke();
    }

    /// <summary>Lets the deliveries to <paramref name="subjectId"/> through, those waiting and those to come.</summary>
    public void Release(string subjectId) => Gate(subjectId).TrySetResult();

    public void ReleaseAll() => _all.TrySetResult();

    private TaskCompletionSource Gate(string subjectId) =>
        _subjects.GetOrAdd(subjectId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

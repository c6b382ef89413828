using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Slows password guessing against one user name, whichever addresses the guesses come from: after
/// <see cref="JwtOptions.LoginFailuresBeforeDelay"/> failures, each further failure doubles the wait before the name
/// may try again, from <see cref="JwtOptions.LoginDelay"/> up to <see cref="JwtOptions.LoginDelayCap"/>. The wait is
/// bounded, so guesses can keep the owner of a name waiting at most the cap, never locked out; a success, or twice
/// the cap without a failure, forgets the name's failures. Kept per server (a cluster multiplies the guessing rate by
/// its servers) and for at most <see cref="TrackedNames"/> names at a time.
/// </summary>
public sealed class LoginThrottle(IOptions<JwtOptions> options, TimeProvider clock) : IDisposable
{
    public const int TrackedNames = 100_000;

    private readonly MemoryCache _names = new(new MemoryCacheOptions { SizeLimit = TrackedNames });

    /// <summary>How long <paramref name="userName"/> must wait before its next try; null when it may try now.</summary>
    public TimeSpan? WaitFor(string userName)
    {
        if (!_names.TryGetValue(UserStore.Normalize(userName), out Failures? failures) || failures is null)
        {
            return null;
        }

        lock (failures)
        {
            var wait = failures.RetryAt - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(string userName)
    {
        var settings = options.Value;
        var failures = _names.GetOrCreate(UserStore.Normalize(userName), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = settings.LoginDelayCap * 2;
            return new Failures();
        })!;
        lock (failures)
        {
            failures.Count++;
            var over = failures.Count - Math.Max(1, settings.LoginFailuresBeforeDelay);
            if (over >= 0)
            {
                // 2^over, without overflowing for a name that has failed thousands of times.
                var delay = over >= 30 ? settings.LoginDelayCap : TimeSpan.FromTicks(Math.Min(settings.LoginDelayCap.Ticks, settings.LoginDelay.Ticks * (1L << over)));
                failures.RetryAt = clock.GetUtcNow() + delay;
            }
        }
    }

    public void Succeeded(string userName) => _names.Remove(UserStore.Normalize(userName));

    public void Dispose() => _names.Dispose();

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset RetryAt;
    }
}

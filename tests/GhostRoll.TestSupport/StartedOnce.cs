namespace GhostRoll.TestSupport;

/// <summary>
/// An assembly fixture for something expensive (a server, a browser) that starts on first use, once, so tests
/// that do not need it do not pay for it, and stops when the assembly is done.
/// </summary>
public abstract class StartedOnce<T> : IAsyncDisposable
    where T : class, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;

    public async Task<T> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _value ??= await StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_value is not null)
        {
            await _value.DisposeAsync();
        }

        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<T> StartAsync();
}

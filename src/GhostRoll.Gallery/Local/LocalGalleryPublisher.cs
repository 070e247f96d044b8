using System.Text.Json;
using GhostRoll.Gallery.Manifest;
using GhostRoll.Pipeline;
using GhostRoll.Storage;

namespace GhostRoll.Gallery.Local;

/// <summary>
/// The local gallery ("local"): keeps <c>&lt;session&gt;/index.html</c> (manifest inline, relative links, opens
/// straight from disk) and <c>&lt;session&gt;/manifest.json</c> current while photos arrive, and writes
/// <c>share.zip</c> when a run completes. Registered first, so share.zip exists before the S3 publisher uploads.
/// <para>
/// Rewrites are throttled to one per <see cref="RewriteInterval"/>: a 1,000-photo card publishes an entry every
/// few milliseconds, and rewriting a 1 MB page each time would cost the SD card more than the photos. Nothing is
/// lost to the throttle: a pending rewrite runs on a timer, <see cref="CompleteAsync"/> always writes, and after
/// a crash <see cref="BeginAsync"/> rebuilds the page from the journal.
/// </para>
/// </summary>
public sealed class LocalGalleryPublisher : ISessionPublisher, IDisposable
{
    public static readonly TimeSpan DefaultRewriteInterval = TimeSpan.FromSeconds(3);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Dictionary<string, SessionGallery> _sessions = new(StringComparer.Ordinal);

    public LocalGalleryPublisher(TimeProvider? time = null, TimeSpan? rewriteInterval = null)
    {
        _time = time ?? TimeProvider.System;
        RewriteInterval = rewriteInterval ?? DefaultRewriteInterval;
    }

    public string Name => "local";

    public TimeSpan RewriteInterval { get; }

    public Task BeginAsync(PublishContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gallery = GalleryFor(context);
        lock (_gate)
        {
            foreach (var entry in context.ReadyEntries())
            {
                gallery.Entries[entry.Key] = entry;
            }
        }

        // Written at once, even with no entries: the page exists (and says "waiting") from the first second.
        return WriteAsync(gallery, onlyIfDirty: false, durable: false, cancellationToken);
    }

    public async Task PublishAsync(PublishContext context, GalleryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entry);
        var gallery = GalleryFor(context);
        bool writeNow;
        lock (_gate)
        {
            gallery.Entries[entry.Key] = entry;
            gallery.Dirty = true;
            var due = gallery.LastWrite + RewriteInterval;
            writeNow = _time.GetUtcNow() >= due;
            if (!writeNow && gallery.Timer is null)
            {
                gallery.Timer = _time.CreateTimer(_ => _ = FlushAsync(gallery), null, due - _time.GetUtcNow(), Timeout.InfiniteTimeSpan);
            }
        }

        if (writeNow)
        {
            try
            {
                await WriteAsync(gallery, onlyIfDirty: false, durable: false, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new PublishException($"could not update the local gallery at {context.Layout.IndexHtml}: {e.Message}", e);
            }
        }
    }

    public async Task CompleteAsync(PublishContext context, PublishCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(completion);
        var gallery = GalleryFor(context);
        lock (_gate)
        {
            gallery.Timer?.Dispose();
            gallery.Timer = null;
            gallery.Entries.Clear();
            foreach (var entry in completion.Entries)
            {
                gallery.Entries[entry.Key] = entry;
            }
        }

        try
        {
            var layout = context.Layout;
            var zipBytes = await Task.Run(
                () => ShareZip.Write(layout.ShareZip, layout.Root, completion.Entries, context.Logger, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                gallery.Complete = completion.SessionComplete;
                gallery.DownloadAll = zipBytes is { } bytes ? new ManifestFile(ManifestBuilder.RelativeUrl("share.zip"), bytes) : null;
            }

            await WriteAsync(gallery, onlyIfDirty: false, durable: true, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new PublishException($"could not finish the local gallery in {context.Layout.Root}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var gallery in _sessions.Values)
            {
                gallery.Timer?.Dispose();
            }

            _sessions.Clear();
        }

        _writing.Dispose();
    }

    private SessionGallery GalleryFor(PublishContext context)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(context.SessionId, out var gallery))
            {
                _sessions[context.SessionId] = gallery = new SessionGallery(context);
            }

            return gallery;
        }
    }

    private async Task FlushAsync(SessionGallery gallery)
    {
        try
        {
            await WriteAsync(gallery, onlyIfDirty: true, durable: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            gallery.Context.Logger.GalleryWriteFailed(gallery.Context.Layout.IndexHtml, e);
        }
        catch (ObjectDisposedException)
        {
            // The run ended (publisher disposed) while this flush waited; CompleteAsync already wrote everything.
        }
    }

    private async Task WriteAsync(SessionGallery gallery, bool onlyIfDirty, bool durable, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<GalleryEntry> entries;
            bool complete;
            ManifestFile? downloadAll;
            lock (_gate)
            {
                if (onlyIfDirty && !gallery.Dirty)
                {
                    return;
                }

                // Snapshot under the lock; everything published so far is in it, so the timer has nothing left to do.
                entries = [.. gallery.Entries.Values];
                gallery.Dirty = false;
                gallery.LastWrite = _time.GetUtcNow();
                gallery.Timer?.Dispose();
                gallery.Timer = null;
                complete = gallery.Complete;
                downloadAll = gallery.DownloadAll;
            }

            var context = gallery.Context;
            var manifest = ManifestBuilder.Build(
                context.SessionId,
                ManifestBuilder.TitleFor(SessionGalleryTitle.Read(context.Layout) ?? context.Settings.GalleryTitle, context.SessionId, entries),
                entries,
                context.ExpectedEntries,
                complete,
                ManifestBuilder.RelativeUrl,
                downloadAll,
                updatedUnix: _time.GetUtcNow().ToUnixTimeSeconds(),
                photographer: context.Settings.Photographer);
            var page = GalleryPage.Render(new GalleryPageModel
            {
                Title = manifest.Title,
                InlineManifest = manifest,
                PollSeconds = context.Settings.PollSeconds,
            });

            // manifest.json first: a page that polls it never sees items its index.html lacks links for.
            AtomicFile.WriteAllBytes(context.Layout.ManifestJson, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.GalleryManifest), durable: durable);
            AtomicFile.WriteAllText(context.Layout.IndexHtml, page, durable: durable);
            context.Logger.GalleryWritten(manifest.Items.Count, manifest.Expected, complete);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>What the publisher holds for one session while it runs.</summary>
    private sealed class SessionGallery(PublishContext context)
    {
        public PublishContext Context { get; } = context;

        public Dictionary<string, GalleryEntry> Entries { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastWrite { get; set; } = DateTimeOffset.MinValue;

        public bool Dirty { get; set; }

        public ITimer? Timer { get; set; }

        /// <summary>Set by CompleteAsync; a late timer flush keeps it rather than reverting to "in progress".</summary>
        public bool Complete { get; set; }

        /// <summary>share.zip once this run wrote (or verified) it; before that the page offers no stale zip.</summary>
        public ManifestFile? DownloadAll { get; set; }
    }
}

namespace GhostRoll.Enhancer.Tests;

/// <summary>Which keys the enhancer acts on, and where it writes: exactly the appliance's bucket layout.</summary>
public sealed class ShareImageKeyTests
{
    [Theory]
    [InlineData("sessions/shoot-2026-12-07_0930/share/100CANON/IMG_0001.jpg", "sessions/shoot-2026-12-07_0930/enhanced/100CANON/IMG_0001.jpg")]
    [InlineData("sessions/s1/share/IMG_0001.jpg", "sessions/s1/enhanced/IMG_0001.jpg")]
    [InlineData("sessions/s1/share/Camera/aarhus.jpg", "sessions/s1/enhanced/Camera/aarhus.jpg")]
    [InlineData("sessions/s1/share/PRIVATE/M4ROOT/CLIP/C0001.jpg", "sessions/s1/enhanced/PRIVATE/M4ROOT/CLIP/C0001.jpg")]
    [InlineData("sessions/s1/share/100CANON/IMG 0001 (1).jpg", "sessions/s1/enhanced/100CANON/IMG 0001 (1).jpg")]
    public void Share_images_map_to_their_enhanced_key(string key, string enhanced)
    {
        var share = ShareImageKey.TryParse("sessions/", key);
        Assert.NotNull(share);
        Assert.Equal(key, share.SourceKey);
        Assert.Equal(enhanced, share.EnhancedKey);
    }

    [Fact]
    public void The_enhanced_key_is_the_one_the_gallery_manifest_presigns()
    {
        // What S3Publisher signs for an entry's enhanced image: prefix + SessionLayout.ObjectKeyFor(ManifestBuilder.EnhancedPath(group)).
        var group = Sessions.SessionLayout.GroupKeyOf("DCIM/100CANON/IMG_0001.JPG");
        var shareKey = "sessions/s1/" + Sessions.SessionLayout.ObjectKeyFor(Sessions.SessionLayout.DerivativeRelativePath("share", group, ".jpg"));
        var presigned = "sessions/s1/" + Sessions.SessionLayout.ObjectKeyFor(Gallery.Manifest.ManifestBuilder.EnhancedPath(group));
        Assert.Equal(presigned, ShareImageKey.TryParse("sessions/", shareKey)!.EnhancedKey);
    }

    [Theory]
    [InlineData("sessions/s1/thumbs/100CANON/IMG_0001.jpg")]       // thumbnail
    [InlineData("sessions/s1/share/100CANON/IMG_0001.webp")]       // the WebP variant
    [InlineData("sessions/s1/share/100CANON/IMG_0001.JPG")]        // the appliance writes .jpg
    [InlineData("sessions/s1/enhanced/100CANON/IMG_0001.jpg")]     // its own output: no loop
    [InlineData("sessions/s1/originals/DCIM/share/IMG_0001.jpg")]  // a card folder called share (the rule's wildcard lets it through)
    [InlineData("sessions/s1/x/share/IMG_0001.jpg")]
    [InlineData("sessions/share/IMG_0001.jpg")]                    // no session
    [InlineData("sessions/s1/share/.jpg")]
    [InlineData("sessions/s1/share/a//IMG_0001.jpg")]
    [InlineData("sessions/s1/share/../x.jpg")]
    [InlineData("sessions/s1/share/a/./x.jpg")]
    [InlineData("sessions/../share/x.jpg")]
    [InlineData("sessions/.hidden/share/x.jpg")]
    [InlineData("links/share/X.jpg")]                              // outside the sessions prefix
    [InlineData("other/s1/share/IMG_0001.jpg")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_keys_are_not_share_images(string? key) => Assert.Null(ShareImageKey.TryParse("sessions/", key));

    [Fact]
    public void An_empty_prefix_root_puts_sessions_at_the_top()
    {
        Assert.Equal("s1/enhanced/a.jpg", ShareImageKey.TryParse("", "s1/share/a.jpg")!.EnhancedKey);
        Assert.Null(ShareImageKey.TryParse("", "sessions/s1/share/a.jpg"));
    }
}

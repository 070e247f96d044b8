using GhostRoll.Appliance.Hotspot;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Hotspot;

/// <summary>The generated WPA2 passphrase: readable off the panel, stored only for its owner, the same after a restart.</summary>
public sealed class HotspotPassphraseTests : IDisposable
{
    private readonly TempDirectory _temp = new("passphrase");

    [Fact]
    public void Generated_passphrases_are_12_unambiguous_symbols_and_differ()
    {
        var made = Enumerable.Range(0, 200).Select(_ => HotspotPassphrase.Generate()).ToList();

        Assert.All(made, p =>
        {
            Assert.Equal(12, p.Length);
            Assert.True(p.All(HotspotPassphrase.Alphabet.Contains), p);
            Assert.True(HotspotPassphrase.IsValid(p));
        });
        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.DoesNotContain(HotspotPassphrase.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');

        // Every symbol turns up: no part of the alphabet is unreachable.
        Assert.Equal(HotspotPassphrase.Alphabet.Order(), string.Concat(made).Distinct().Order());
    }

    [Fact]
    public void It_is_made_once_stored_0600_and_the_same_after_a_restart()
    {
        var path = _temp.Combine("etc", "hotspot-passphrase");

        var first = HotspotPassphrase.LoadOrCreate(path);
        var second = HotspotPassphrase.LoadOrCreate(path);

        Assert.Equal(first, second);
        Assert.Equal(first + "\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_temp.Combine("etc")));
    }

    [Fact]
    public void A_hand_edited_file_is_used_if_wpa2_accepts_it_and_never_overwritten_if_not()
    {
        var path = _temp.Combine("hotspot-passphrase");
        File.WriteAllText(path, "my own passphrase\n");
        Assert.Equal("my own passphrase", HotspotPassphrase.LoadOrCreate(path));

        File.WriteAllText(path, "short\n");
        var error = Assert.Throws<InvalidDataException>(() => HotspotPassphrase.LoadOrCreate(path));

        Assert.Contains("8-63 printable ASCII", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
        Assert.Equal("short\n", File.ReadAllText(path));
    }

    public void Dispose() => _temp.Dispose();
}

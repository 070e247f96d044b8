using System.Diagnostics;
using GhostRoll.Appliance.Cards;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Cards;

public class CardLockTests
{
    [Fact]
    public void A_second_start_for_the_same_card_does_not_get_the_lock()
    {
        using var dir = new TempDirectory("locks");
        using (var first = CardLock.TryAcquire(dir.Path, "sdb1"))
        {
            Assert.NotNull(first);
            Assert.Null(CardLock.TryAcquire(dir.Path, "sdb1"));
            using var other = CardLock.TryAcquire(dir.Path, "sdc1");
            Assert.NotNull(other); // other cards are independent
        }

        using var again = CardLock.TryAcquire(dir.Path, "sdb1");
        Assert.NotNull(again);
    }

    [Fact]
    public void The_lock_excludes_other_processes()
    {
        using var dir = new TempDirectory("locks");
        using var held = CardLock.TryAcquire(dir.Path, "sdb1");
        Assert.NotNull(held);

        // util-linux flock(1) is an independent flock(2) user: -n fails at once with exit 1 while we hold it.
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", held.Path, "true"]))!;
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
    }

    [Theory]
    [InlineData("sdb1", "sdb1")]
    [InlineData("mmcblk1p1", "mmcblk1p1")]
    public void Device_names_are_used_as_they_are(string key, string expected) =>
        Assert.Equal(expected, CardLock.SafeName(key));

    [Fact]
    public void Folder_keys_become_distinct_safe_file_names()
    {
        var a = CardLock.SafeName("/media/pi/auto-import");
        var b = CardLock.SafeName("/media/pi/auto-import 1");

        Assert.NotEqual(a, b);
        Assert.DoesNotContain('/', a);
        Assert.DoesNotContain(' ', b);
    }
}

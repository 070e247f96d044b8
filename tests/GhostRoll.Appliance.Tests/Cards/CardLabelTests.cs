using GhostRoll.Appliance.Cards;

namespace GhostRoll.Appliance.Tests.Cards;

public class CardLabelTests
{
    [Theory]
    [InlineData("auto-import")]
    [InlineData("AUTO-IMPORT")] // Windows and macOS store FAT labels upper-case
    [InlineData("Auto-Import")]
    [InlineData("auto-import 1")] // macOS names the second volume of the same name like this
    [InlineData("auto-import 12")]
    [InlineData("auto-import1")] // udisks mounts a second volume of the same name like this
    [InlineData("auto-import_1")] // udev's ID_FS_LABEL replaces the space
    [InlineData("auto-import ")] // FAT pads labels to 11 characters with spaces
    public void Accepts_the_label_and_its_numbered_duplicates(string candidate) =>
        Assert.True(CardLabel.Matches("auto-import", candidate));

    [Theory]
    [InlineData("EOS_DIGITAL")]
    [InlineData("auto-importer")]
    [InlineData("auto-import 1a")]
    [InlineData("auto-import_")]
    [InlineData("my auto-import")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_other_volumes(string? candidate) =>
        Assert.False(CardLabel.Matches("auto-import", candidate));

    [Fact]
    public void Follows_a_configured_label() =>
        Assert.True(CardLabel.Matches("shoot", "SHOOT 2"));
}

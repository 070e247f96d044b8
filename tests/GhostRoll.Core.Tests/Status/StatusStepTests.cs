using System.Text.Json;
using GhostRoll.Status;
using Xunit;

namespace GhostRoll.Core.Tests.Status;

/// <summary>status.json's "step": the same words as before it was typed, and never a reason for a reader to fail.</summary>
public sealed class StatusStepTests
{
    [Theory]
    [InlineData(StatusStep.Idle, "idle")]
    [InlineData(StatusStep.Watch, "watch")]
    [InlineData(StatusStep.Detected, "detected")]
    [InlineData(StatusStep.Mount, "mount")]
    [InlineData(StatusStep.Scan, "scan")]
    [InlineData(StatusStep.Noop, "noop")]
    [InlineData(StatusStep.Ingest, "ingest")]
    [InlineData(StatusStep.Process, "process")]
    [InlineData(StatusStep.Upload, "upload")]
    [InlineData(StatusStep.Publish, "publish")]
    [InlineData(StatusStep.Done, "done")]
    [InlineData(StatusStep.Removed, "removed")]
    [InlineData(StatusStep.Interrupted, "interrupted")]
    [InlineData(StatusStep.Error, "error")]
    public void Each_step_is_written_as_its_word_and_read_back(StatusStep step, string word)
    {
        var json = JsonSerializer.Serialize(new StatusDocument { Step = step }, StatusJsonContext.Default.StatusDocument);

        Assert.Equal(word, JsonDocument.Parse(json).RootElement.GetProperty("step").GetString());
        Assert.Equal(step, JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument)!.Step);
    }

    [Fact]
    public void Every_step_has_a_word_of_its_own()
    {
        var words = Enum.GetValues<StatusStep>().Select(s => s.Name()).ToList();

        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<StatusStep>(), s => Assert.Equal(s, StatusSteps.Parse(s.Name())));
    }

    [Theory]
    [InlineData("""{"state":"running","step":"verify","message":"m"}""", StatusStep.Unknown)]
    [InlineData("""{"state":"running","step":null,"message":"m"}""", StatusStep.Unknown)]
    [InlineData("""{"state":"running","step":3,"message":"m"}""", StatusStep.Unknown)]
    [InlineData("""{"state":"running","step":{"name":"ingest"},"message":"m"}""", StatusStep.Unknown)]
    [InlineData("""{"state":"running","message":"m"}""", StatusStep.Idle)]
    [InlineData("""{"state":"running","step":"copy","message":"m"}""", StatusStep.Ingest)]
    public void An_unknown_odd_or_absent_step_reads_without_losing_the_rest_of_the_status(string json, StatusStep expected)
    {
        var status = JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument)!;

        Assert.Equal(expected, status.Step);
        Assert.Equal("m", status.Message);
    }

    [Fact]
    public void Progress_stays_keyed_by_the_steps_word()
    {
        var status = new StatusDocument { Step = StatusStep.Ingest, Progress = new() { [StatusStep.Ingest.Name()] = new StepProgress(12, 40) } };

        var json = JsonDocument.Parse(JsonSerializer.Serialize(status, StatusJsonContext.Default.StatusDocument)).RootElement;

        Assert.Equal(12, json.GetProperty("progress").GetProperty("ingest").GetProperty("done").GetInt32());
    }
}

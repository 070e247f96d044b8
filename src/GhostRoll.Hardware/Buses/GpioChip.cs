using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>What the kernel reports about one line (GPIO_V2_GET_LINEINFO_IOCTL).</summary>
internal sealed record GpioLineInfo(int Offset, string Name, string Consumer, bool Used);

/// <summary>
/// A GPIO chip through the character device, uAPI v2. Lines are claimed in requests (<see cref="GpioLineRequest"/>);
/// the chip itself can be closed once the requests exist.
/// </summary>
internal sealed unsafe class GpioChip : IDisposable
{
    /// <summary>
    /// Labels of the chip that carries the 40-pin header, best first: Pi 5 (RP1; gpiochip4 on older kernels,
    /// gpiochip0 since ~6.6.45, raspberrypi/linux#6144), Pi 4, Pi 3 / Zero 2 W. Line offset = BCM GPIO number on all.
    /// </summary>
    internal static readonly string[] HeaderChipLabels = ["pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835"];

    private readonly GpioChipHandle _handle;

    private GpioChip(GpioChipHandle handle, string name, string label, int lineCount)
    {
        _handle = handle;
        Name = name;
        Label = label;
        LineCount = lineCount;
    }

    public string Path => _handle.Path;

    /// <summary>The kernel's name, e.g. <c>gpiochip0</c>.</summary>
    public string Name { get; }

    /// <summary>The driver's label, e.g. <c>pinctrl-rp1</c>.</summary>
    public string Label { get; }

    public int LineCount { get; }

    public static GpioChip Open(string path) => Open(LinuxKernel.Instance, path);

    internal static GpioChip Open(ILinuxKernel kernel, string path)
    {
        var handle = GpioChipHandle.Open(kernel, path);
        try
        {
            GpioChipInfo info;
            handle.Ioctl(Gpio.GPIO_GET_CHIPINFO_IOCTL, &info, "read GPIO chip info");
            return new GpioChip(handle, Gpio.ReadName(info.name), Gpio.ReadName(info.label), (int)info.lines);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finds the chip that carries the 40-pin header by its label, never by number (the Pi 5's moved from gpiochip4
    /// to gpiochip0). Falls back to the chip whose line 25 is named <c>GPIO25</c>. Null when there is none.
    /// </summary>
    public static GpioChip? FindHeaderChip() => FindHeaderChip(LinuxKernel.Instance);

    internal static GpioChip? FindHeaderChip(ILinuxKernel kernel, string deviceDirectory = "/dev")
    {
        GpioChip? best = null;
        var bestRank = int.MaxValue;
        HardwareIOException? firstError = null;
        foreach (var path in kernel.ListDevices(deviceDirectory, "gpiochip"))
        {
            GpioChip chip;
            try
            {
                chip = Open(kernel, path);
            }
            catch (HardwareIOException e)
            {
                firstError ??= e;
                continue;
            }

            var rank = HeaderRank(chip);
            if (rank < bestRank)
            {
                best?.Dispose();
                (best, bestRank) = (chip, rank);
            }
            else
            {
                chip.Dispose();
            }
        }

        // Chips we could not open (EACCES) might have been the header: say so rather than "no GPIO".
        if (best is null && firstError is not null)
        {
            throw firstError;
        }

        return best;
    }

    private static int HeaderRank(GpioChip chip)
    {
        var byLabel = Array.IndexOf(HeaderChipLabels, chip.Label);
        if (byLabel >= 0)
        {
            return byLabel;
        }

        const int Probe = 25;
        return chip.LineCount > Probe && chip.GetLineInfo(Probe).Name == "GPIO25" ? HeaderChipLabels.Length : int.MaxValue;
    }

    public GpioLineInfo GetLineInfo(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, LineCount);
        var info = new GpioV2LineInfo { offset = (uint)offset };
        _handle.Ioctl(Gpio.GPIO_V2_GET_LINEINFO_IOCTL, &info, $"read GPIO line {offset} info");
        return new GpioLineInfo(offset, Gpio.ReadName(info.name), Gpio.ReadName(info.consumer), (info.flags & Gpio.GPIO_V2_LINE_FLAG_USED) != 0);
    }

    /// <summary>Claims output lines, each driven to its initial level as part of the request (no glitch).</summary>
    public GpioLineRequest RequestOutputs(string consumer, ReadOnlySpan<int> offsets, ReadOnlySpan<bool> initialHigh)
    {
        if (initialHigh.Length != offsets.Length)
        {
            throw new ArgumentException("one initial level per line is required", nameof(initialHigh));
        }

        ulong values = 0;
        for (var i = 0; i < initialHigh.Length; i++)
        {
            values |= initialHigh[i] ? 1UL << i : 0;
        }

        return Request(consumer, offsets, Gpio.GPIO_V2_LINE_FLAG_OUTPUT, values);
    }

    /// <summary>Claims input lines (no bias: the e-paper HAT drives BUSY itself).</summary>
    public GpioLineRequest RequestInputs(string consumer, ReadOnlySpan<int> offsets) =>
        Request(consumer, offsets, Gpio.GPIO_V2_LINE_FLAG_INPUT, outputValues: null);

    private GpioLineRequest Request(string consumer, ReadOnlySpan<int> offsets, ulong flags, ulong? outputValues)
    {
        if (offsets.IsEmpty || offsets.Length > Gpio.GPIO_V2_LINES_MAX)
        {
            throw new ArgumentException($"a request takes 1 to {Gpio.GPIO_V2_LINES_MAX} lines", nameof(offsets));
        }

        var request = default(GpioV2LineRequest);
        for (var i = 0; i < offsets.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offsets[i], nameof(offsets));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offsets[i], LineCount, nameof(offsets));
            request.offsets[i] = (uint)offsets[i];
        }

        Gpio.WriteName(request.consumer, consumer);
        request.num_lines = (uint)offsets.Length;
        request.config.flags = flags;
        if (outputValues is { } values)
        {
            // One attribute sets every line's initial output level in the same ioctl that claims it.
            request.config.num_attrs = 1;
            request.config.attrs[0].attr.id = Gpio.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
            request.config.attrs[0].attr.value = values;
            request.config.attrs[0].mask = offsets.Length == 64 ? ulong.MaxValue : (1UL << offsets.Length) - 1;
        }

        _handle.Ioctl(Gpio.GPIO_V2_GET_LINE_IOCTL, &request, $"request GPIO line(s) {string.Join(",", offsets.ToArray())}");
        return new GpioLineRequest(new GpioLineRequestHandle(_handle.Kernel, Path, request.fd), offsets.ToArray());
    }

    public void Dispose() => _handle.Dispose();
}

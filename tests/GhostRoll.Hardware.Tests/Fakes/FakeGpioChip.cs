using System.Text;
using GhostRoll.Hardware.Interop;
using GhostRoll.Interop;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>One line of a fake GPIO chip.</summary>
internal sealed class FakeChipLine(int offset, string name)
{
    public int Offset { get; } = offset;

    public string Name { get; } = name;

    /// <summary>Who holds the line ("spi0 CS0" for the kernel's chip select); null when free.</summary>
    public string? Consumer { get; set; }

    public bool IsOutput { get; set; }

    public bool Value { get; set; }

    /// <summary>For inputs: what the outside world drives onto the line.</summary>
    public Func<bool>? Input { get; set; }

    /// <summary>For outputs: called whenever the driver sets the line.</summary>
    public Action<bool>? Changed { get; set; }
}

/// <summary>
/// <c>/dev/gpiochipN</c>, uAPI v2 (include/uapi/linux/gpio.h): chip info, line info, line requests and the
/// request fd's get/set values. Requests claiming a used line fail with EBUSY, as the kernel's do.
/// </summary>
internal sealed unsafe class FakeGpioChip : FakeDeviceNode
{
    // include/uapi/linux/gpio.h, encoded by hand: _IOR(0xB4, 0x01, 68 bytes), _IOWR(0xB4, 0x05, 256), _IOWR(0xB4, 0x07, 592),
    // _IOWR(0xB4, 0x0E, 16), _IOWR(0xB4, 0x0F, 16).
    private const nuint GetChipInfo = 0x8044B401;
    private const nuint GetLineInfo = 0xC100B405;
    private const nuint GetLine = 0xC250B407;
    private const nuint GetValues = 0xC010B40E;
    private const nuint SetValues = 0xC010B40F;

    private const ulong FlagUsed = 1, FlagInput = 1 << 2, FlagOutput = 1 << 3;

    public FakeGpioChip(string name, string label, int lineCount, Func<int, string>? lineName = null)
    {
        Name = name;
        Label = label;
        Lines = [.. Enumerable.Range(0, lineCount).Select(i => new FakeChipLine(i, lineName?.Invoke(i) ?? $"GPIO{i}"))];
    }

    public string Name { get; }

    public string Label { get; }

    public FakeChipLine[] Lines { get; }

    /// <summary>Every successful line request: consumer and offsets.</summary>
    public List<(string Consumer, int[] Offsets)> Requests { get; } = [];

    public override FakeOpenFile Open(FakeLinuxKernel kernel) => new ChipFile(this, kernel);

    private static void WriteName(byte* field, string value)
    {
        new Span<byte>(field, 32).Clear();
        Encoding.ASCII.GetBytes(value, new Span<byte>(field, 31));
    }

    private static string ReadName(byte* field)
    {
        var span = new ReadOnlySpan<byte>(field, 32);
        var end = span.IndexOf((byte)0);
        return end < 0 ? "(unterminated)" : Encoding.ASCII.GetString(span[..end]);
    }

    private sealed class ChipFile(FakeGpioChip chip, FakeLinuxKernel kernel) : FakeOpenFile
    {
        public override int Ioctl(nuint request, byte* p)
        {
            switch (request)
            {
                case GetChipInfo:
                    // name[32] @0, label[32] @32, lines u32 @64
                    WriteName(p, chip.Name);
                    WriteName(p + 32, chip.Label);
                    *(uint*)(p + 64) = (uint)chip.Lines.Length;
                    return 0;
                case GetLineInfo:
                    // offset u32 @64 is the input; name @0, consumer @32, flags u64 @72 come back.
                    var offset = *(uint*)(p + 64);
                    if (offset >= chip.Lines.Length)
                    {
                        return -Libc.EINVAL;
                    }

                    var line = chip.Lines[offset];
                    new Span<byte>(p, 256).Clear();
                    *(uint*)(p + 64) = offset;
                    WriteName(p, line.Name);
                    WriteName(p + 32, line.Consumer ?? "");
                    *(ulong*)(p + 72) = (line.Consumer is null ? 0 : FlagUsed) | (line.IsOutput ? FlagOutput : FlagInput);
                    return 0;
                case GetLine:
                    return RequestLines(p);
                default:
                    return -Libc.ENOTTY;
            }
        }

        /// <summary>
        /// struct gpio_v2_line_request: offsets u32[64] @0, consumer[32] @256, config @288 {flags u64 @288,
        /// num_attrs u32 @296, attrs[10] @320 x 24 {id u32 @+0, value u64 @+8, mask u64 @+16}}, num_lines u32 @560,
        /// fd s32 @588 (out).
        /// </summary>
        private int RequestLines(byte* p)
        {
            var count = *(uint*)(p + 560);
            var flags = *(ulong*)(p + 288);
            var attributeCount = *(uint*)(p + 296);
            if (count is 0 or > 64 || attributeCount > 10 || ((flags & FlagInput) != 0) == ((flags & FlagOutput) != 0))
            {
                return -Libc.EINVAL;
            }

            var offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                var offset = *(uint*)(p + (4 * i));
                if (offset >= chip.Lines.Length)
                {
                    return -Libc.EINVAL;
                }

                if (chip.Lines[offset].Consumer is not null)
                {
                    return -Libc.EBUSY;
                }

                offsets[i] = (int)offset;
            }

            ulong values = 0, valuesMask = 0;
            for (var a = 0; a < attributeCount; a++)
            {
                var attribute = p + 320 + (24 * a);
                if (*(uint*)attribute == 2)
                {
                    values = *(ulong*)(attribute + 8);
                    valuesMask = *(ulong*)(attribute + 16);
                }
            }

            var consumer = ReadName(p + 256);
            var output = (flags & FlagOutput) != 0;
            var lines = offsets.Select(o => chip.Lines[o]).ToArray();
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i].Consumer = consumer;
                lines[i].IsOutput = output;
                if (output)
                {
                    lines[i].Value = (valuesMask & (1UL << i)) != 0 && (values & (1UL << i)) != 0;
                    lines[i].Changed?.Invoke(lines[i].Value);
                }
            }

            chip.Requests.Add((consumer, offsets));
            *(int*)(p + 588) = kernel.AddFile(new RequestFile(lines));
            return 0;
        }
    }

    /// <summary>A line request fd: struct gpio_v2_line_values {bits u64 @0, mask u64 @8}, bit i = the request's i-th line.</summary>
    private sealed class RequestFile(FakeChipLine[] lines) : FakeOpenFile
    {
        public override int Ioctl(nuint request, byte* p)
        {
            var mask = *(ulong*)(p + 8);
            switch (request)
            {
                case GetValues:
                    ulong bits = 0;
                    for (var i = 0; i < lines.Length; i++)
                    {
                        var high = lines[i].IsOutput ? lines[i].Value : lines[i].Input?.Invoke() ?? false;
                        bits |= (mask & (1UL << i)) != 0 && high ? 1UL << i : 0;
                    }

                    *(ulong*)p = bits;
                    return 0;
                case SetValues:
                    var newBits = *(ulong*)p;
                    for (var i = 0; i < lines.Length; i++)
                    {
                        if ((mask & (1UL << i)) == 0)
                        {
                            continue;
                        }

                        if (!lines[i].IsOutput)
                        {
                            return -Libc.EPERM;
                        }

                        lines[i].Value = (newBits & (1UL << i)) != 0;
                        lines[i].Changed?.Invoke(lines[i].Value);
                    }

                    return 0;
                default:
                    return -Libc.ENOTTY;
            }
        }

        public override void Close()
        {
            foreach (var line in lines)
            {
                line.Consumer = null;
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Interop;

/// <summary>
/// GPIO character device, uAPI v2 (include/uapi/linux/gpio.h, "first added in 5.10"). The v1 ABI is deprecated and
/// may be compiled out (CONFIG_GPIO_CDEV_V1), and sysfs numbering changed (gpiochip0 starts at 512 on new kernels),
/// so only v2 is used.
/// </summary>
internal static unsafe class Gpio
{
    internal const byte GPIO_IOCTL_TYPE = 0xB4;
    internal const int GPIO_MAX_NAME_SIZE = 32;
    internal const int GPIO_V2_LINES_MAX = 64;
    internal const int GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

    // enum gpio_v2_line_flag
    internal const ulong GPIO_V2_LINE_FLAG_USED = 1UL << 0;
    internal const ulong GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1UL << 1;
    internal const ulong GPIO_V2_LINE_FLAG_INPUT = 1UL << 2;
    internal const ulong GPIO_V2_LINE_FLAG_OUTPUT = 1UL << 3;

    // enum gpio_v2_line_attr_id
    internal const uint GPIO_V2_LINE_ATTR_ID_FLAGS = 1;
    internal const uint GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES = 2;

    internal static readonly nuint GPIO_GET_CHIPINFO_IOCTL = IoctlRequest.Read(GPIO_IOCTL_TYPE, 0x01, sizeof(GpioChipInfo));
    internal static readonly nuint GPIO_V2_GET_LINEINFO_IOCTL = IoctlRequest.ReadWrite(GPIO_IOCTL_TYPE, 0x05, sizeof(GpioV2LineInfo));
    internal static readonly nuint GPIO_V2_GET_LINE_IOCTL = IoctlRequest.ReadWrite(GPIO_IOCTL_TYPE, 0x07, sizeof(GpioV2LineRequest));
    internal static readonly nuint GPIO_V2_LINE_GET_VALUES_IOCTL = IoctlRequest.ReadWrite(GPIO_IOCTL_TYPE, 0x0E, sizeof(GpioV2LineValues));
    internal static readonly nuint GPIO_V2_LINE_SET_VALUES_IOCTL = IoctlRequest.ReadWrite(GPIO_IOCTL_TYPE, 0x0F, sizeof(GpioV2LineValues));

    /// <summary>Reads a NUL-terminated name field (chip name, label, line name, consumer).</summary>
    internal static string ReadName(byte* field)
    {
        var span = new ReadOnlySpan<byte>(field, GPIO_MAX_NAME_SIZE);
        var end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    /// <summary>Writes a name field, truncated so the kernel always sees a terminating NUL.</summary>
    internal static void WriteName(byte* field, string value)
    {
        var span = new Span<byte>(field, GPIO_MAX_NAME_SIZE);
        span.Clear();
        // FromUtf16 stops at the end of the destination instead of throwing: a long consumer name is cut, not fatal.
        _ = System.Text.Unicode.Utf8.FromUtf16(value, span[..(GPIO_MAX_NAME_SIZE - 1)], out _, out _);
    }
}

/// <summary><c>struct gpiochip_info</c> (68 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioChipInfo
{
    public fixed byte name[Gpio.GPIO_MAX_NAME_SIZE];
    public fixed byte label[Gpio.GPIO_MAX_NAME_SIZE];
    public uint lines;
}

/// <summary>
/// <c>struct gpio_v2_line_attribute</c> (16 bytes). The C union of <c>flags</c>, <c>values</c> (both u64) and
/// <c>debounce_period_us</c> (u32) sits at offset 8; <see cref="value"/> covers it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineAttribute
{
    public uint id;
    public uint padding;
    public ulong value;
}

/// <summary><c>struct gpio_v2_line_config_attribute</c> (24 bytes): an attribute and the request lines it applies to.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineConfigAttribute
{
    public GpioV2LineAttribute attr;
    public ulong mask;
}

[InlineArray(Gpio.GPIO_V2_LINE_NUM_ATTRS_MAX)]
internal struct GpioV2LineConfigAttributes
{
    private GpioV2LineConfigAttribute _element0;
}

[InlineArray(Gpio.GPIO_V2_LINE_NUM_ATTRS_MAX)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute _element0;
}

/// <summary><c>struct gpio_v2_line_config</c> (272 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineConfig
{
    public ulong flags;
    public uint num_attrs;
    public fixed uint padding[5];
    public GpioV2LineConfigAttributes attrs;
}

/// <summary><c>struct gpio_v2_line_request</c> (592 bytes), passed to GPIO_V2_GET_LINE on the chip fd; <see cref="fd"/> comes back.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineRequest
{
    public fixed uint offsets[Gpio.GPIO_V2_LINES_MAX];
    public fixed byte consumer[Gpio.GPIO_MAX_NAME_SIZE];
    public GpioV2LineConfig config;
    public uint num_lines;
    public uint event_buffer_size;
    public fixed uint padding[5];
    public int fd;
}

/// <summary><c>struct gpio_v2_line_info</c> (256 bytes); <see cref="offset"/> is set before the call.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineInfo
{
    public fixed byte name[Gpio.GPIO_MAX_NAME_SIZE];
    public fixed byte consumer[Gpio.GPIO_MAX_NAME_SIZE];
    public uint offset;
    public uint num_attrs;
    public ulong flags;
    public GpioV2LineAttributes attrs;
    public fixed uint padding[4];
}

/// <summary>
/// <c>struct gpio_v2_line_values</c> (16 bytes). Bit <i>i</i> of <see cref="bits"/>/<see cref="mask"/> is the
/// request's i-th line (its index in <c>offsets</c>), not the GPIO number.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineValues
{
    public ulong bits;
    public ulong mask;
}

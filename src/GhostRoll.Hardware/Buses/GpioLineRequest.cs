using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Buses;

/// <summary>
/// Lines claimed together in one GPIO_V2_GET_LINE request. They stay claimed until this is disposed. Values are
/// set and read through the request fd with a mask, so driving one line never disturbs the others.
/// </summary>
internal sealed unsafe class GpioLineRequest : IDisposable
{
    private readonly GpioLineRequestHandle _handle;
    private readonly int[] _offsets;

    internal GpioLineRequest(GpioLineRequestHandle handle, int[] offsets)
    {
        _handle = handle;
        _offsets = offsets;
    }

    /// <summary>The claimed lines' offsets on the chip (BCM GPIO numbers on the Pi header).</summary>
    public IReadOnlyList<int> Offsets => _offsets;

    public IGpioOutputLine Output(int offset) => new OutputLine(this, IndexOf(offset));

    public IGpioInputLine Input(int offset) => new InputLine(this, IndexOf(offset));

    private int IndexOf(int offset)
    {
        var index = Array.IndexOf(_offsets, offset);
        return index >= 0 ? index : throw new ArgumentException($"GPIO{offset} is not part of this request", nameof(offset));
    }

    private void Set(int index, bool high)
    {
        // bits/mask bit i = the request's i-th line, not the GPIO number (gpio.h, struct gpio_v2_line_values).
        var values = new GpioV2LineValues { bits = high ? 1UL << index : 0, mask = 1UL << index };
        _handle.Ioctl(Gpio.GPIO_V2_LINE_SET_VALUES_IOCTL, &values, $"set GPIO{_offsets[index]}");
    }

    private bool Get(int index)
    {
        var values = new GpioV2LineValues { mask = 1UL << index };
        _handle.Ioctl(Gpio.GPIO_V2_LINE_GET_VALUES_IOCTL, &values, $"read GPIO{_offsets[index]}");
        return (values.bits & (1UL << index)) != 0;
    }

    public void Dispose() => _handle.Dispose();

    private sealed class OutputLine(GpioLineRequest request, int index) : IGpioOutputLine
    {
        public void Write(bool high) => request.Set(index, high);
    }

    private sealed class InputLine(GpioLineRequest request, int index) : IGpioInputLine
    {
        public bool Read() => request.Get(index);
    }
}

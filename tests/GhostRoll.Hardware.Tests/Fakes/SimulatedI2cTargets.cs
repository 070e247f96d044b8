using System.Device.I2c;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// An I2C target as a 256-byte register map with an auto-incrementing register pointer: a write's first byte sets the
/// pointer and later bytes are stored from it; reads continue from it. Usable directly as an <see cref="I2cDevice"/>
/// or behind <see cref="SimulatedI2cBus"/>. <see cref="Answering"/> = false models a board that no longer
/// acknowledges (unplugged, browned out): the transfer fails as System.Device.Gpio reports EREMOTEIO.
/// </summary>
internal class SimulatedRegisterMap(int address) : I2cDevice
{
    private byte _pointer;

    public int Address { get; } = address;

    public byte[] Registers { get; } = new byte[256];

    public bool Answering { get; set; } = true;

    public int Reads { get; private set; }

    public override I2cConnectionSettings ConnectionSettings => new(1, Address);

    public override void Read(Span<byte> buffer) => WriteRead([], buffer);

    public override void Write(ReadOnlySpan<byte> buffer) => WriteRead(buffer, []);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        ThrowIfSilent();
        if (!writeBuffer.IsEmpty)
        {
            _pointer = writeBuffer[0];
            for (var i = 1; i < writeBuffer.Length; i++)
            {
                Registers[_pointer++] = writeBuffer[i];
            }
        }

        for (var i = 0; i < readBuffer.Length; i++)
        {
            Reads++;
            readBuffer[i] = Registers[_pointer++];
        }
    }

    private void ThrowIfSilent()
    {
        if (!Answering)
        {
            throw SimulatedI2cBus.NoAcknowledge();
        }
    }
}

/// <summary>
/// PiSugar 3 (pisugar3.rs): voltage in mV at 0x22 (high) / 0x23 (low); CTR1 (0x02) bit 7 = power plugged,
/// bit 6 = charging allowed. No register defaults are published; seeded with an idle board on battery at 3.90 V,
/// charging allowed, 25 degC.
/// </summary>
internal sealed class SimulatedPiSugar3 : SimulatedRegisterMap
{
    public SimulatedPiSugar3(int address = 0x57) : base(address)
    {
        Registers[0x02] = 0x40;
        Registers[0x04] = 40 + 25;
        Millivolts = 3900;
    }

    public int Millivolts
    {
        set => (Registers[0x22], Registers[0x23]) = ((byte)(value >> 8), (byte)value);
    }

    public bool PowerPlugged
    {
        set => Registers[0x02] = (byte)(value ? Registers[0x02] | 0x80 : Registers[0x02] & ~0x80);
    }

    public bool ChargingAllowed
    {
        set => Registers[0x02] = (byte)(value ? Registers[0x02] | 0x40 : Registers[0x02] & ~0x40);
    }
}

/// <summary>
/// IP5209 (PiSugar 2, ip5209.rs): BATVADC at 0xA2 (low) / 0xA3 (high), a 14-bit two's-complement count of
/// 0.26855 mV above 2.6 V (bit 5 of 0xA3 = sign). Seeded at 3.90 V.
/// </summary>
internal sealed class SimulatedIp5209 : SimulatedRegisterMap
{
    public SimulatedIp5209() : base(0x75) => Millivolts = 3900;

    public double Millivolts
    {
        set
        {
            var count = (int)Math.Round((value - 2600) / 0.26855) & 0x3FFF;
            (Registers[0xA2], Registers[0xA3]) = ((byte)count, (byte)(count >> 8));
        }
    }
}

/// <summary>IP5312 (PiSugar 2 Pro, ip5312.rs): a 14-bit count at 0xD0 (low) / 0xD1 (high 6 bits), 0.26855 mV above 2.6 V. Seeded at 3.90 V.</summary>
internal sealed class SimulatedIp5312 : SimulatedRegisterMap
{
    public SimulatedIp5312() : base(0x75) => Millivolts = 3900;

    public double Millivolts
    {
        set
        {
            var count = (int)Math.Round((value - 2600) / 0.26855);
            (Registers[0xD0], Registers[0xD1]) = ((byte)count, (byte)((count >> 8) & 0x3F));
        }
    }
}

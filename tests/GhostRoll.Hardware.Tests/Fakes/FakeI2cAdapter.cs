using GhostRoll.Hardware.Interop;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// <c>/dev/i2c-N</c> (drivers/i2c/i2c-dev.c): I2C_SLAVE takes the address by value and fails with EBUSY when a
/// kernel driver owns it; I2C_SMBUS byte-data reads and I2C_RDWR combined transfers reach the targets; a missing
/// target fails with EREMOTEIO (no acknowledge), as the Pi's controllers report it.
/// </summary>
internal sealed unsafe class FakeI2cAdapter : FakeDeviceNode
{
    private const nuint Slave = 0x0703;
    private const nuint ReadWrite = 0x0707;
    private const nuint Smbus = 0x0720;

    public Dictionary<int, SimulatedRegisterMap> Targets { get; } = [];

    /// <summary>Addresses a kernel driver has bound (an RTC at 0x68, say).</summary>
    public HashSet<int> DriverOwned { get; } = [];

    public T Attach<T>(T target)
        where T : SimulatedRegisterMap
    {
        Targets[target.Address] = target;
        return target;
    }

    public override FakeOpenFile Open(FakeLinuxKernel kernel) => new File(this);

    private sealed class File(FakeI2cAdapter adapter) : FakeOpenFile
    {
        private int _address = -1;

        public override int Ioctl(nuint request, nuint value)
        {
            if (request != Slave)
            {
                return -Libc.ENOTTY;
            }

            if (value > 0x7F)
            {
                return -Libc.EINVAL;
            }

            if (adapter.DriverOwned.Contains((int)value))
            {
                return -Libc.EBUSY;
            }

            _address = (int)value;
            return 0;
        }

        public override int Ioctl(nuint request, byte* p) => request switch
        {
            Smbus => SmbusTransfer(p),
            ReadWrite => CombinedTransfer(p),
            _ => -Libc.ENOTTY,
        };

        /// <summary>struct i2c_smbus_ioctl_data: read_write u8 @0, command u8 @1, size u32 @4, data ptr @8.</summary>
        private int SmbusTransfer(byte* p)
        {
            const uint ByteData = 2;
            if (p[0] != 1 || *(uint*)(p + 4) != ByteData)
            {
                return -Libc.EOPNOTSUPP;
            }

            if (!Target(_address, out var target))
            {
                return -Libc.EREMOTEIO;
            }

            var data = *(byte**)(p + 8);
            data[0] = target.Registers[p[1]];
            return 0;
        }

        /// <summary>struct i2c_rdwr_ioctl_data: msgs ptr @0, nmsgs u32 @8; struct i2c_msg: addr u16 @0, flags u16 @2, len u16 @4, buf ptr @8.</summary>
        private int CombinedTransfer(byte* p)
        {
            var messages = *(byte**)p;
            var count = *(uint*)(p + 8);
            if (count is 0 or > 42)
            {
                return -Libc.EINVAL;
            }

            for (var i = 0; i < count; i++)
            {
                var message = messages + (16 * i);
                if (!Target(*(ushort*)message, out var target))
                {
                    return -Libc.EREMOTEIO;
                }

                var read = (*(ushort*)(message + 2) & 0x0001) != 0;
                var buffer = new Span<byte>(*(byte**)(message + 8), *(ushort*)(message + 4));
                if (read)
                {
                    target.WriteRead([], buffer);
                }
                else
                {
                    target.WriteRead(buffer, []);
                }
            }

            return (int)count;
        }

        private bool Target(int address, out SimulatedRegisterMap target) =>
            adapter.Targets.TryGetValue(address, out target!) && target.Answering;
    }
}

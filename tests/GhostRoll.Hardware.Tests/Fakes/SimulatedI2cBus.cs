using System.Device.I2c;
using System.Runtime.InteropServices;

namespace GhostRoll.Hardware.Tests.Fakes;

/// <summary>
/// <c>/dev/i2c-1</c> behind System.Device.Gpio's I2cDevice.Create: creating a device opens the bus node (failing as
/// SpiDevice/I2cDevice report errno, "Error {errno} (...)") and every transfer is addressed to its target; an address
/// where nothing acknowledges fails with EREMOTEIO, as the Pi's controllers report it. Counts devices left open.
/// </summary>
internal sealed class SimulatedI2cBus
{
    public Dictionary<int, SimulatedRegisterMap> Targets { get; } = [];

    /// <summary>errno opening the node fails with (ENOENT when I2C is off, EACCES outside the i2c group), or 0.</summary>
    public int OpenError { get; set; }

    /// <summary>Devices created and not yet disposed.</summary>
    public int OpenDevices { get; private set; }

    public T Attach<T>(T target)
        where T : SimulatedRegisterMap
    {
        Targets[target.Address] = target;
        return target;
    }

    /// <summary>What System.Device.Gpio's I2C code throws when a transfer is not acknowledged.</summary>
    public static IOException NoAcknowledge() => new("Error 121 (Remote I/O error) performing I2C data transfer.");

    public I2cDevice Create(I2cConnectionSettings settings)
    {
        if (OpenError != 0)
        {
            throw new IOException($"Error {OpenError} ({Marshal.GetPInvokeErrorMessage(OpenError)}). Can not open I2C device file '/dev/i2c-{settings.BusId}'.");
        }

        OpenDevices++;
        return new Connection(this, settings);
    }

    private sealed class Connection(SimulatedI2cBus bus, I2cConnectionSettings settings) : I2cDevice
    {
        private bool _disposed;

        public override I2cConnectionSettings ConnectionSettings => settings;

        public override void Read(Span<byte> buffer) => Target().Read(buffer);

        public override void Write(ReadOnlySpan<byte> buffer) => Target().Write(buffer);

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Target().WriteRead(writeBuffer, readBuffer);

        private SimulatedRegisterMap Target()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return bus.Targets.TryGetValue(settings.DeviceAddress, out var target) ? target : throw NoAcknowledge();
        }

        protected override void Dispose(bool disposing)
        {
            if (!_disposed)
            {
                _disposed = true;
                bus.OpenDevices--;
            }

            base.Dispose(disposing);
        }
    }
}

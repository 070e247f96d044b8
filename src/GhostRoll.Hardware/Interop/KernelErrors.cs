using System.Globalization;
using System.Text.RegularExpressions;

namespace GhostRoll.Hardware.Interop;

/// <summary>The one place where errno values from device calls become exceptions with advice.</summary>
internal static partial class KernelErrors
{
    internal static int Check(int result, string path, string operation) =>
        result >= 0 ? result : throw Create(-result, path, operation);

    internal static HardwareIOException Create(int errno, string path, string operation, Exception? inner = null)
    {
        var advice = Advice(errno, path, operation);
        var message = $"{operation} on {path} failed: {Errno.Describe(errno)}.{(advice.Length > 0 ? " " + advice : "")}";
        return new HardwareIOException(errno, path, operation, message, inner);
    }

    /// <summary>
    /// System.Device.Gpio's SpiDevice and I2cDevice throw a plain <see cref="IOException"/> whose message starts
    /// "Error {errno} ({strerror})" (its ExceptionHelper.GetLastErrorMessage); the errno is read back from there so
    /// the advice is the same as for our own ioctls. A message without it keeps its text, with our context added.
    /// </summary>
    internal static HardwareIOException Translate(IOException error, string path, string operation)
    {
        var match = LeadingErrno().Match(error.Message);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var errno) && errno > 0)
        {
            return Create(errno, path, operation, error);
        }

        return new HardwareIOException(0, path, operation, $"{operation} on {path} failed: {error.Message}", error);
    }

    [GeneratedRegex(@"^Error (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingErrno();

    private static string Advice(int errno, string path, string operation)
    {
        var kind = path.Contains("spidev", StringComparison.Ordinal) ? DeviceKind.Spi
            : path.Contains("gpiochip", StringComparison.Ordinal) ? DeviceKind.Gpio
            : path.Contains("i2c", StringComparison.Ordinal) ? DeviceKind.I2c
            : DeviceKind.Other;
        return (errno, kind) switch
        {
            (Libc.ENOENT, DeviceKind.Spi) =>
                "SPI is not enabled: add 'dtparam=spi=on' to /boot/firmware/config.txt and reboot, or set DISPLAY=none.",
            (Libc.ENOENT, DeviceKind.I2c) =>
                "I2C is not enabled: add 'dtparam=i2c_arm=on' to /boot/firmware/config.txt, load the i2c-dev module and reboot, or set BATTERY=none.",
            (Libc.ENOENT or Libc.ENODEV, _) => "The device node is missing: check that the hardware is connected and its driver is loaded.",
            (Libc.EACCES or Libc.EPERM, _) =>
                "Permission denied: run ghostroll as a user in the spi, gpio and i2c groups (the appliance's service user is), or as root.",
            (Libc.EBUSY, DeviceKind.Gpio) =>
                "The line is already claimed by another program or kernel driver (see 'gpioinfo'): stop it (a Waveshare demo, another ghostroll) and retry.",
            (Libc.ENXIO or Libc.EREMOTEIO or Libc.EIO, DeviceKind.I2c) =>
                "Nothing answered at this address: check that the battery board is seated and that BATTERY names the right model.",
            (Libc.ETIMEDOUT or Libc.EAGAIN, DeviceKind.I2c) =>
                "The I2C bus timed out: a device may be holding SDA low; power-cycle the board.",
            (Libc.ENOTTY or Libc.EINVAL, DeviceKind.Gpio) when operation.Contains("line", StringComparison.Ordinal) =>
                "The kernel rejected the GPIO uAPI v2 request: GhostRoll needs Linux 5.10 or newer.",
            (Libc.EMSGSIZE, DeviceKind.Spi) =>
                "The transfer is larger than spidev's buffer (/sys/module/spidev/parameters/bufsiz).",
            _ => "",
        };
    }

    private enum DeviceKind
    {
        Spi,
        Gpio,
        I2c,
        Other,
    }
}

namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Hardware: open/close/ioctl and the GPIO character device v2 (kernel UAPI headers). SPI and I2C go through System.Device.Gpio.</summary>
public static class HardwareAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Hardware",
        Includes = ["<fcntl.h>", "<errno.h>", "<linux/types.h>", "<linux/ioctl.h>", "<linux/gpio.h>"],
        Packages = "linux-libc-dev (x86-64), linux-libc-dev-arm64-cross + libc6-dev-arm64-cross (arm64)",
        Entries = UnixAbi.With(new Dictionary<string, AbiEntry>
        {
            ["Libc.O_RDWR"] = new CConstant("O_RDWR"),

            ["IoctlRequest.DirWrite"] = new CConstant("_IOC_WRITE"),
            ["IoctlRequest.DirRead"] = new CConstant("_IOC_READ"),
            ["IoctlRequest.SizeBits"] = new CConstant("_IOC_SIZEBITS"),
            ["LinuxDeviceHandle.Invalid"] = new ManagedOnly("SafeHandle's invalid value (-1, what open returns on failure), never passed to C"),
            ["KernelErrors.DeviceKind"] = new ManagedOnly("which advice an errno gets; no C counterpart"),

            ["Gpio.GPIO_IOCTL_TYPE"] = new CConstant("_IOC_TYPE(GPIO_GET_CHIPINFO_IOCTL)"),
            ["Gpio.GPIO_MAX_NAME_SIZE"] = new CConstant("GPIO_MAX_NAME_SIZE"),
            ["Gpio.GPIO_V2_LINES_MAX"] = new CConstant("GPIO_V2_LINES_MAX"),
            ["Gpio.GPIO_V2_LINE_NUM_ATTRS_MAX"] = new CConstant("GPIO_V2_LINE_NUM_ATTRS_MAX"),
            ["Gpio.GPIO_V2_LINE_FLAG_USED"] = new CConstant("GPIO_V2_LINE_FLAG_USED"),
            ["Gpio.GPIO_V2_LINE_FLAG_ACTIVE_LOW"] = new CConstant("GPIO_V2_LINE_FLAG_ACTIVE_LOW"),
            ["Gpio.GPIO_V2_LINE_FLAG_INPUT"] = new CConstant("GPIO_V2_LINE_FLAG_INPUT"),
            ["Gpio.GPIO_V2_LINE_FLAG_OUTPUT"] = new CConstant("GPIO_V2_LINE_FLAG_OUTPUT"),
            ["Gpio.GPIO_V2_LINE_ATTR_ID_FLAGS"] = new CConstant("GPIO_V2_LINE_ATTR_ID_FLAGS"),
            ["Gpio.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"] = new CConstant("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"),
            ["Gpio.GPIO_GET_CHIPINFO_IOCTL"] = new CConstant("GPIO_GET_CHIPINFO_IOCTL"),
            ["Gpio.GPIO_V2_GET_LINEINFO_IOCTL"] = new CConstant("GPIO_V2_GET_LINEINFO_IOCTL"),
            ["Gpio.GPIO_V2_GET_LINE_IOCTL"] = new CConstant("GPIO_V2_GET_LINE_IOCTL"),
            ["Gpio.GPIO_V2_LINE_GET_VALUES_IOCTL"] = new CConstant("GPIO_V2_LINE_GET_VALUES_IOCTL"),
            ["Gpio.GPIO_V2_LINE_SET_VALUES_IOCTL"] = new CConstant("GPIO_V2_LINE_SET_VALUES_IOCTL"),
            ["GpioChipInfo"] = new CStruct("struct gpiochip_info"),
            // The C union of flags, values (u64) and debounce_period_us (u32) at offset 8; the extras below check the other members.
            ["GpioV2LineAttribute"] = new CStruct("struct gpio_v2_line_attribute") { Fields = new Dictionary<string, string> { ["value"] = "flags" } },
            ["GpioV2LineConfigAttribute"] = new CStruct("struct gpio_v2_line_config_attribute"),
            ["GpioV2LineConfigAttributes"] = new CStruct("struct gpio_v2_line_config_attribute[GPIO_V2_LINE_NUM_ATTRS_MAX]"),
            ["GpioV2LineAttributes"] = new CStruct("struct gpio_v2_line_attribute[GPIO_V2_LINE_NUM_ATTRS_MAX]"),
            ["GpioV2LineConfig"] = new CStruct("struct gpio_v2_line_config"),
            ["GpioV2LineRequest"] = new CStruct("struct gpio_v2_line_request"),
            ["GpioV2LineInfo"] = new CStruct("struct gpio_v2_line_info"),
            ["GpioV2LineValues"] = new CStruct("struct gpio_v2_line_values"),

        }),
        Extras =
        [
            new OffsetExtra("struct gpio_v2_line_attribute", "values", "GpioV2LineAttribute", "value"),
            new OffsetExtra("struct gpio_v2_line_attribute", "debounce_period_us", "GpioV2LineAttribute", "value"),
            new OffsetExtra("struct gpio_v2_line_request", "config.flags", "GpioV2LineRequest", "config.flags"),
            new OffsetExtra("struct gpio_v2_line_request", "config.num_attrs", "GpioV2LineRequest", "config.num_attrs"),
            new OffsetExtra("struct gpio_v2_line_request", "config.padding", "GpioV2LineRequest", "config.padding"),
            new OffsetExtra("struct gpio_v2_line_request", "config.attrs[0].attr.id", "GpioV2LineRequest", "config.attrs[0].attr.id"),
            new OffsetExtra("struct gpio_v2_line_request", "config.attrs[0].attr.values", "GpioV2LineRequest", "config.attrs[0].attr.value"),
            new OffsetExtra("struct gpio_v2_line_request", "config.attrs[0].mask", "GpioV2LineRequest", "config.attrs[0].mask"),
            new OffsetExtra("struct gpio_v2_line_request", "config.attrs[9].mask", "GpioV2LineRequest", "config.attrs[9].mask"),
            new OffsetExtra("struct gpio_v2_line_info", "attrs[9].values", "GpioV2LineInfo", "attrs[9].value"),
        ],
    };
}

namespace GhostRoll.TestSupport.LinuxAbi.Manifests;

/// <summary>GhostRoll.Imaging: libjpeg (encoder), TurboJPEG (decoder), libheif, Little CMS, mmap/mallopt.</summary>
public static class ImagingAbi
{
    public static AbiManifest Manifest { get; } = new()
    {
        Assembly = "GhostRoll.Imaging",
        Includes = ["<fcntl.h>", "<stdio.h>", "<errno.h>", "<sys/mman.h>", "<malloc.h>", "<jpeglib.h>", "<turbojpeg.h>", "<libheif/heif.h>", "<lcms2.h>"],
        // jpeglib.h includes the per-architecture jconfig.h: the arm64 one comes from the arm64 root.
        NeedsArm64Root = true,
        PortableHeaders = ["turbojpeg.h", "lcms2.h", "{host}/libheif"],
        Packages = "libjpeg62-turbo-dev, libturbojpeg0-dev, libheif-dev, liblcms2-dev (.ci/deps/apt-imaging.txt; arm64: .ci/arm64-root)",
        Entries = UnixAbi.With(new Dictionary<string, AbiEntry>
        {
            ["Libc.PROT_READ"] = new CConstant("PROT_READ"),
            ["Libc.PROT_WRITE"] = new CConstant("PROT_WRITE"),
            ["Libc.MAP_PRIVATE"] = new CConstant("MAP_PRIVATE"),
            ["Libc.MAP_ANONYMOUS"] = new CConstant("MAP_ANONYMOUS"),
            ["Libc.MAP_FAILED"] = new CConstant("(intptr_t)MAP_FAILED"),
            ["Libc.M_MMAP_THRESHOLD"] = new CConstant("M_MMAP_THRESHOLD"),

            ["LibJpeg.Version"] = new CConstant("JPEG_LIB_VERSION"),
            ["LibJpeg.MessageLengthMax"] = new CConstant("JMSG_LENGTH_MAX"),
            ["LibJpeg.JCS_GRAYSCALE"] = new CConstant("JCS_GRAYSCALE"),
            ["LibJpeg.JCS_RGB"] = new CConstant("JCS_RGB"),
            ["LibJpeg.JCS_EXT_RGBX"] = new CConstant("JCS_EXT_RGBX"),
            ["LibJpeg.JDCT_ISLOW"] = new CConstant("JDCT_ISLOW"),
            ["LibJpeg.JDCT_IFAST"] = new CConstant("JDCT_IFAST"),
            ["LibJpeg.jpeg_compress_struct"] = new CStruct("struct jpeg_compress_struct"),
            ["LibJpeg.jpeg_error_mgr"] = new CStruct("struct jpeg_error_mgr"),
            ["LibJpeg.jpeg_component_info"] = new CStruct("jpeg_component_info"),
            ["LibJpeg.jpeg_scan_info"] = new CStruct("jpeg_scan_info"),

            ["TurboJpeg.TJPF_RGB"] = new CConstant("TJPF_RGB"),
            ["TurboJpeg.TJPF_RGBX"] = new CConstant("TJPF_RGBX"),
            ["TurboJpeg.TJPF_GRAY"] = new CConstant("TJPF_GRAY"),
            ["TurboJpeg.TJSAMP_444"] = new CConstant("TJSAMP_444"),
            ["TurboJpeg.TJSAMP_422"] = new CConstant("TJSAMP_422"),
            ["TurboJpeg.TJSAMP_420"] = new CConstant("TJSAMP_420"),
            ["TurboJpeg.TJSAMP_GRAY"] = new CConstant("TJSAMP_GRAY"),
            ["TurboJpeg.TJCS_CMYK"] = new CConstant("TJCS_CMYK"),
            ["TurboJpeg.TJCS_YCCK"] = new CConstant("TJCS_YCCK"),
            ["TurboJpeg.TJFLAG_FASTDCT"] = new CConstant("TJFLAG_FASTDCT"),
            ["TurboJpeg.TJFLAG_NOREALLOC"] = new CConstant("TJFLAG_NOREALLOC"),
            ["TurboJpeg.TJFLAG_PROGRESSIVE"] = new CConstant("TJFLAG_PROGRESSIVE"),
            ["TurboJpeg.TJERR_WARNING"] = new CConstant("TJERR_WARNING"),
            ["TurboJpeg.TjScalingFactor"] = new CStruct("tjscalingfactor"),

            ["Heif.heif_colorspace_RGB"] = new CConstant("heif_colorspace_RGB"),
            ["Heif.heif_chroma_interleaved_RGBA"] = new CConstant("heif_chroma_interleaved_RGBA"),
            ["Heif.heif_channel_interleaved"] = new CConstant("heif_channel_interleaved"),
            ["Heif.heif_color_profile_type_nclx"] = new CConstant("heif_color_profile_type_nclx"),
            ["Heif.heif_color_profile_type_rICC"] = new CConstant("heif_color_profile_type_rICC"),
            ["Heif.heif_color_profile_type_prof"] = new CConstant("heif_color_profile_type_prof"),
            ["Heif.heif_error"] = new CStruct("struct heif_error"),
            ["Heif.heif_color_profile_nclx"] = new CStruct("struct heif_color_profile_nclx"),

            ["Lcms.TYPE_RGBA_8"] = new CConstant("TYPE_RGBA_8"),
            ["Lcms.INTENT_PERCEPTUAL"] = new CConstant("INTENT_PERCEPTUAL"),
            ["Lcms.cmsFLAGS_NOCACHE"] = new CConstant("cmsFLAGS_NOCACHE"),
            ["Lcms.cmsSigRgbData"] = new CConstant("cmsSigRgbData"),
            ["Lcms.cmsInfoDescription"] = new CConstant("cmsInfoDescription"),
            ["Lcms.cmsCIExyY"] = new CStruct("cmsCIExyY"),
            ["Lcms.cmsCIExyYTRIPLE"] = new CStruct("cmsCIExyYTRIPLE"),
        }),
        Extras =
        [
            // The encoder refuses larger pictures itself, before libjpeg would end the process.
            new ValueExtra("JPEG_MAX_DIMENSION", "JpegEncoder.MaxDimension"),
        ],
    };
}

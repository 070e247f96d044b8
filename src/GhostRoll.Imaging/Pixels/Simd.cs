using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GhostRoll.Imaging.Pixels;

/// <summary>
/// Byte/int conversions the resampler needs, in forms every target compiles to a few instructions. The x86-64
/// Native AOT baseline is SSE2: the cross-platform truncating Widen/Narrow then need SSE4.1 and fall back to slow
/// emulation (measured: the whole resize 3x slower), so x86 uses SSE2's unpack and saturating pack directly.
/// Values are already clamped to 0..255, so saturation equals truncation. ARM64 (the Pi) uses the portable forms.
/// </summary>
internal static class Simd
{
    /// <summary>16 bytes to 16 ints (zero-extended), in four vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<int> A, Vector128<int> B, Vector128<int> C, Vector128<int> D) WidenToInt32(Vector128<byte> bytes)
    {
        if (Sse2.IsSupported)
        {
            var lo = Sse2.UnpackLow(bytes, Vector128<byte>.Zero).AsUInt16();
            var hi = Sse2.UnpackHigh(bytes, Vector128<byte>.Zero).AsUInt16();
            return (Sse2.UnpackLow(lo, Vector128<ushort>.Zero).AsInt32(), Sse2.UnpackHigh(lo, Vector128<ushort>.Zero).AsInt32(),
                Sse2.UnpackLow(hi, Vector128<ushort>.Zero).AsInt32(), Sse2.UnpackHigh(hi, Vector128<ushort>.Zero).AsInt32());
        }

        var (l, h) = Vector128.Widen(bytes);
        var (a, b) = Vector128.Widen(l);
        var (c, d) = Vector128.Widen(h);
        return (a.AsInt32(), b.AsInt32(), c.AsInt32(), d.AsInt32());
    }

    /// <summary>16 bytes to 16 ushorts (zero-extended), in two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<ushort> Lower, Vector128<ushort> Upper) WidenToUInt16(Vector128<byte> bytes) =>
        Sse2.IsSupported
            ? (Sse2.UnpackLow(bytes, Vector128<byte>.Zero).AsUInt16(), Sse2.UnpackHigh(bytes, Vector128<byte>.Zero).AsUInt16())
            : Vector128.Widen(bytes);

    /// <summary>16 ints in 0..255 to 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> NarrowToBytes(Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(a, b), Sse2.PackSignedSaturate(c, d));
        }

        return Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(c, d).AsUInt16());
    }

    /// <summary>
    /// Sums the two 64-bit halves (two RGBX pixels as 4 ushorts each) of each input: [a.lo + a.hi, b.lo + b.hi].
    /// One unpack pair and one add on SSE2 (punpcklqdq/punpckhqdq) and on NEON (uzp1/uzp2); the portable
    /// GetLower/GetUpper/Create form went through the stack in the x86-64 AOT code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ushort> AddHalves(Vector128<ushort> a, Vector128<ushort> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.UnpackLow(a.AsUInt64(), b.AsUInt64()).AsUInt16() + Sse2.UnpackHigh(a.AsUInt64(), b.AsUInt64()).AsUInt16();
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.UnzipEven(a.AsUInt64(), b.AsUInt64()).AsUInt16() + AdvSimd.Arm64.UnzipOdd(a.AsUInt64(), b.AsUInt64()).AsUInt16();
        }

        return Vector128.Create(a.GetLower(), b.GetLower()) + Vector128.Create(a.GetUpper(), b.GetUpper());
    }

    /// <summary>16 ushorts in 0..255 to 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> NarrowToBytes(Vector128<ushort> lower, Vector128<ushort> upper) =>
        Sse2.IsSupported ? Sse2.PackUnsignedSaturate(lower.AsInt16(), upper.AsInt16()) : Vector128.Narrow(lower, upper);
}

using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>
/// Base of every native handle in the imaging library: owns one pointer, releases it exactly once, and keeps
/// <see cref="NativeResources"/> counts so leak tests can see it.
/// </summary>
internal abstract class CountedHandle : SafeHandle
{
    protected CountedHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of a freshly created native pointer (null stays invalid and uncounted).</summary>
    protected void Adopt(IntPtr pointer)
    {
        SetHandle(pointer);
        if (pointer != IntPtr.Zero)
        {
            NativeResources.OnCreated();
        }
    }

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        NativeResources.OnReleased();
        return true;
    }

    protected abstract void Free(IntPtr pointer);
}

/// <summary>A byte buffer a native library allocated and hands over (encoder output), freed by that library.</summary>
internal abstract unsafe class CountedBuffer : CountedHandle
{
    protected CountedBuffer(byte* pointer, nuint length)
    {
        Adopt((IntPtr)pointer);
        Length = checked((int)length);
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => IsInvalid ? default : new ReadOnlySpan<byte>((void*)handle, Length);
}

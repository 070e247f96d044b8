using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GhostRoll.TestSupport.LinuxAbi;

/// <summary>A constant as the C# code has it; <see cref="OnlyFor"/> is set for members of nested X64/Arm64 classes.</summary>
public sealed record CodeConstant(string Key, FieldInfo Field, object Value, AbiTarget? OnlyFor);

/// <summary>
/// What a src assembly's interop consists of, found by reflection so nothing can be added unseen. The interop types
/// are: every type in a namespace ending in <c>.Interop</c> (with its nested types); every other type that declares
/// a native method ([LibraryImport] or [DllImport]); and every value type of the assembly reachable from a native
/// method's signature or from the fields of such a struct. In them: every integral <c>const</c> and
/// <c>static readonly</c> field (enum members are covered by their enum type), every enum and every struct.
/// </summary>
public sealed class InteropModel
{
    private InteropModel(Assembly assembly, List<Type> types)
    {
        Assembly = assembly;
        Types = types;
    }

    public Assembly Assembly { get; }

    public IReadOnlyList<Type> Types { get; }

    public static InteropModel Of(Assembly assembly)
    {
        var all = assembly.GetTypes().Where(t => !IsCompilerGenerated(t)).ToList();
        var found = new HashSet<Type>(all.Where(t => (t.Namespace?.EndsWith(".Interop", StringComparison.Ordinal) ?? false) || NativeMethods(t).Any()));
        foreach (var nested in all.Where(t => Enclosing(t).Any(found.Contains)))
        {
            found.Add(nested);
        }

        var pending = new Queue<Type>(all.SelectMany(NativeMethods).SelectMany(SignatureTypes).Concat(found.Where(IsStruct)));
        var walked = new HashSet<Type>();
        while (pending.TryDequeue(out var type))
        {
            type = Unwrap(type);
            if (type.Assembly != assembly || !IsStruct(type) || IsCompilerGenerated(type) || !walked.Add(type))
            {
                continue;
            }

            found.Add(type);
            foreach (var field in InstanceFields(type))
            {
                pending.Enqueue(field.FieldType);
            }
        }

        return new InteropModel(assembly, [.. found.OrderBy(Key, StringComparer.Ordinal)]);
    }

    /// <summary>Nesting path without the namespace: <c>Libc.Arm64</c>.</summary>
    public static string Key(Type type) => type.DeclaringType is null ? type.Name : $"{Key(type.DeclaringType)}.{type.Name}";

    public IEnumerable<CodeConstant> Constants() =>
        from type in Types
        where !type.IsEnum
        from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        where (field.IsLiteral || field.IsInitOnly) && IsIntegral(field.FieldType) && !IsCompilerGenerated(field)
        select new CodeConstant($"{Key(type)}.{field.Name}", field, field.IsLiteral ? field.GetRawConstantValue()! : field.GetValue(null)!, TargetOf(type));

    public IEnumerable<Type> Structs() => Types.Where(IsStruct);

    public IEnumerable<Type> Enums() => Types.Where(t => t.IsEnum);

    /// <summary>Types that hold per-architecture constants in nested X64 and Arm64 classes.</summary>
    public IEnumerable<(Type Owner, Type X64, Type Arm64)> ArchitectureSplits() =>
        from type in Types
        let x64 = type.GetNestedType(nameof(AbiTarget.X64), BindingFlags.Public | BindingFlags.NonPublic)
        let arm64 = type.GetNestedType(nameof(AbiTarget.Arm64), BindingFlags.Public | BindingFlags.NonPublic)
        where x64 is not null || arm64 is not null
        select (type, x64!, arm64!);

    public Type? FindType(string key) =>
        Types.FirstOrDefault(t => Key(t) == key)
        ?? Assembly.GetTypes().FirstOrDefault(t => Key(t) == key && !IsCompilerGenerated(t));

    internal static IEnumerable<FieldInfo> InstanceFields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).OrderBy(Offset);

    internal static bool IsInlineArray(Type type) => type.IsDefined(typeof(InlineArrayAttribute), false);

    /// <summary>Size of a field's type as the runtime lays it out (pointers and function pointers: a pointer).</summary>
    public static int SizeOf(Type type)
    {
        if (type.IsPointer || type.IsFunctionPointer || type.IsUnmanagedFunctionPointer)
        {
            return IntPtr.Size;
        }

        var method = new DynamicMethod("SizeOf", typeof(int), Type.EmptyTypes, typeof(InteropModel).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Sizeof, type);
        il.Emit(OpCodes.Ret);
        return ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
    }

    /// <summary>Offset of a field in its struct, measured on a real instance (ldflda from its address).</summary>
    public static unsafe int Offset(FieldInfo field)
    {
        var method = new DynamicMethod("OffsetOf", typeof(nint), [typeof(nint)], typeof(InteropModel).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldflda, field);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ret);
        var owner = field.DeclaringType!;
        var block = NativeMemory.AllocZeroed((nuint)Math.Max(1, SizeOf(owner)));
        try
        {
            return (int)((Func<nint, nint>)method.CreateDelegate(typeof(Func<nint, nint>)))((nint)block);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }

    /// <summary>Offset of a dotted path (<c>config.attrs[9].mask</c>) inside <paramref name="type"/>.</summary>
    public static int Offset(Type type, string path)
    {
        var offset = 0;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var field = type.GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{type.Name} has no field '{name}' (path {path})");
            offset += Offset(field);
            type = field.FieldType;
            if (bracket >= 0)
            {
                var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                var element = field.GetCustomAttribute<FixedBufferAttribute>()?.ElementType
                    ?? (IsInlineArray(type) ? InstanceFields(type).Single().FieldType : null)
                    ?? throw new InvalidOperationException($"{name} in {path} is neither a fixed buffer nor an inline array");
                offset += index * SizeOf(element);
                type = element;
            }
        }

        return offset;
    }

    private static AbiTarget? TargetOf(Type type) => type.Name switch
    {
        nameof(AbiTarget.X64) when type.IsNested => AbiTarget.X64,
        nameof(AbiTarget.Arm64) when type.IsNested => AbiTarget.Arm64,
        _ => null,
    };

    private static bool IsStruct(Type type) => type.IsValueType && !type.IsEnum && !type.IsPrimitive;

    private static bool IsIntegral(Type type) =>
        type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
        || type == typeof(nint) || type == typeof(nuint) || type == typeof(char);

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name.Contains('<', StringComparison.Ordinal) || member.IsDefined(typeof(CompilerGeneratedAttribute), false);

    private static IEnumerable<Type> Enclosing(Type type)
    {
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            yield return outer;
        }
    }

    private static IEnumerable<MethodInfo> NativeMethods(Type type) =>
        type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => (m.Attributes & MethodAttributes.PinvokeImpl) != 0 || m.IsDefined(typeof(LibraryImportAttribute), false));

    private static IEnumerable<Type> SignatureTypes(MethodInfo method) =>
        method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType);

    private static Type Unwrap(Type type)
    {
        while (type.HasElementType)
        {
            type = type.GetElementType()!;
        }

        return type;
    }
}

namespace GhostRoll.Screens.Png;

/// <summary>
/// The CRC-32 every PNG chunk ends with: ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF (PNG specification, Annex D "Sample CRC implementation"). System.IO.Hashing would do,
/// but it is not in this project's package mirror; the table is 1 KiB and computed once.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) => ~Update(Update(0xFFFFFFFFu, first), second);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

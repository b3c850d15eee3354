using System.Buffers.Binary;
using System.Text;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// Builds AES-GCM associated data that cannot be read two ways: a fixed context label, then fields, each
/// string as a 4-byte big-endian length followed by its UTF-8 bytes. ("ab","c") and ("a","bc") differ.
/// </summary>
internal sealed class AssociatedData
{
    private readonly List<byte> _bytes = [];

    public AssociatedData(string context) => AddString(context);

    public AssociatedData AddByte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public AssociatedData AddInt32(int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        foreach (var b in buffer)
        {
            _bytes.Add(b);
        }

        return this;
    }

    public AssociatedData AddString(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        AddInt32(utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];
}

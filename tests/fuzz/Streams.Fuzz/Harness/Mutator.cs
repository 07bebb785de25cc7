using System.Buffers.Binary;
using System.Text;

namespace Streams.Fuzz.Harness;

/// <summary>
/// Makes inputs from a seed corpus by stacking one to eight random edits, AFL's "havoc" stage
/// without coverage feedback: bit flips, interesting bytes and integers, inserts, deletes,
/// duplicated chunks, dictionary tokens, splices of two seeds, and digit runs swapped for
/// boundary numbers (text formats carry their integers as digits).
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'\n', (byte)'\r', (byte)' ', (byte)'"', (byte)'\'', (byte)'\\', (byte)'<', (byte)'>', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'=', (byte)',', (byte)';', (byte)':', (byte)'-', (byte)'0', (byte)'9'];

    private static readonly long[] InterestingIntegers = [0, 1, -1, 127, 128, 255, 256, 32767, -32768, 65535, int.MaxValue, int.MinValue, uint.MaxValue, long.MaxValue, long.MinValue];

    private static readonly string[] BoundaryNumbers =
        ["0", "-1", "4294967296", "2147483648", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e308", "-0", "253402300800"];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _dictionary;
    private readonly int _maxLength;

    public Mutator(int seed, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> dictionary, int maxLength = 8192)
    {
        _random = new Random(seed);
        _seeds = seeds.Count > 0 ? seeds : [[]];
        _dictionary = dictionary;
        _maxLength = maxLength;
    }

    public byte[] Next()
    {
        var data = new List<byte>(Pick(_seeds));
        var edits = 1 << _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            Edit(data);
        }

        if (data.Count > _maxLength)
        {
            data.RemoveRange(_maxLength, data.Count - _maxLength);
        }

        return [.. data];
    }

    private void Edit(List<byte> data)
    {
        switch (_random.Next(data.Count == 0 ? 3 : 11))
        {
            case 0:
                data.InsertRange(Position(data, inclusiveEnd: true), RandomBytes(1 + _random.Next(8)));
                break;
            case 1 when _dictionary.Count > 0:
                data.InsertRange(Position(data, inclusiveEnd: true), Pick(_dictionary));
                break;
            case 2:
                Splice(data);
                break;
            case 3:
                data[Position(data)] ^= (byte)(1 << _random.Next(8));
                break;
            case 4:
                data[Position(data)] = (byte)_random.Next(256);
                break;
            case 5:
                data[Position(data)] = Pick(InterestingBytes);
                break;
            case 6:
                Delete(data);
                break;
            case 7:
                Duplicate(data);
                break;
            case 8:
                OverwriteInteger(data);
                break;
            case 9 when _dictionary.Count > 0:
                Overwrite(data, Pick(_dictionary));
                break;
            case 10:
                ReplaceDigits(data);
                break;
            default:
                data.InsertRange(Position(data, inclusiveEnd: true), RandomBytes(1));
                break;
        }
    }

    private void Splice(List<byte> data)
    {
        var other = Pick(_seeds);
        if (other.Length == 0)
        {
            return;
        }

        var from = _random.Next(other.Length);
        var count = 1 + _random.Next(other.Length - from);
        data.InsertRange(Position(data, inclusiveEnd: true), other.AsSpan(from, count).ToArray());
    }

    private void Delete(List<byte> data)
    {
        var start = Position(data);
        data.RemoveRange(start, 1 + _random.Next(Math.Min(data.Count - start, 64)));
    }

    private void Duplicate(List<byte> data)
    {
        var start = Position(data);
        var chunk = data.GetRange(start, 1 + _random.Next(Math.Min(data.Count - start, 64)));
        var copies = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 64);
        for (var i = 0; i < copies && data.Count < _maxLength; i++)
        {
            data.InsertRange(Position(data, inclusiveEnd: true), chunk);
        }
    }

    private void OverwriteInteger(List<byte> data)
    {
        var value = Pick(InterestingIntegers);
        Span<byte> bytes = stackalloc byte[8];
        var width = 1 << (1 + _random.Next(3));
        switch (width, _random.Next(2) == 0)
        {
            case (2, true): BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)value); break;
            case (2, false): BinaryPrimitives.WriteInt16BigEndian(bytes, (short)value); break;
            case (4, true): BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value); break;
            case (4, false): BinaryPrimitives.WriteInt32BigEndian(bytes, (int)value); break;
            case (_, true): BinaryPrimitives.WriteInt64LittleEndian(bytes, value); break;
            default: BinaryPrimitives.WriteInt64BigEndian(bytes, value); break;
        }

        Overwrite(data, bytes[..width].ToArray());
    }

    private void ReplaceDigits(List<byte> data)
    {
        var start = data.FindIndex(Position(data), IsDigit);
        if (start < 0)
        {
            return;
        }

        var end = start;
        while (end < data.Count && IsDigit(data[end]))
        {
            end++;
        }

        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(Pick(BoundaryNumbers)));
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private void Overwrite(List<byte> data, byte[] bytes)
    {
        var start = Position(data);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (start + i < data.Count)
            {
                data[start + i] = bytes[i];
            }
            else
            {
                data.Add(bytes[i]);
            }
        }
    }

    private int Position(List<byte> data, bool inclusiveEnd = false) => _random.Next(data.Count + (inclusiveEnd ? 1 : 0));

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

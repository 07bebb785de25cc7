using System.Text;

namespace Streams.Platform.ClickHouse.Http;

/// <summary>
/// Just enough of ClickHouse's lexer to split a request the way ClickHouse's HTTP handler does:
/// the SQL of an INSERT ends at its FORMAT clause (or VALUES), the data follows in the same
/// byte stream. Works on UTF-8 bytes because the data after the statement may be binary.
/// </summary>
internal static class SqlScanner
{
    /// <summary>
    /// Splits <paramref name="text"/>, a prefix of the request, when it is an INSERT followed
    /// by data. <paramref name="complete"/> says no more bytes will come.
    /// </summary>
    public static InsertSplit SplitInsert(ReadOnlySpan<byte> text, bool complete)
    {
        var tokens = new Tokenizer(text);
        var first = tokens.Next();
        if (((first.Kind is TokenKind.Incomplete or TokenKind.End) && !complete) || IsAtEnd(first, text, complete))
        {
            return InsertSplit.NeedMore;
        }

        if (!Is(text, first, "INSERT"))
        {
            return InsertSplit.NotInsert;
        }

        var depth = 0;
        while (true)
        {
            var token = tokens.Next();
            switch (token.Kind)
            {
                case TokenKind.End or TokenKind.Incomplete:
                    return complete ? InsertSplit.NotInsert : InsertSplit.NeedMore;
                case TokenKind.Open:
                    depth++;
                    continue;
                case TokenKind.Close:
                    depth--;
                    continue;
                case TokenKind.Word when depth == 0:
                    break;
                default:
                    continue;
            }

            if (IsAtEnd(token, text, complete))
            {
                return InsertSplit.NeedMore;
            }

            if (Is(text, token, "VALUES"))
            {
                return new InsertSplit(InsertSplitKind.Insert, token.Start, "Values", token.Start + token.Length);
            }

            if (Is(text, token, "SELECT") || Is(text, token, "WITH") || Is(text, token, "FROM"))
            {
                return InsertSplit.NotInsert;
            }

            if (!Is(text, token, "FORMAT"))
            {
                continue;
            }

            var name = tokens.Next();
            if (((name.Kind is TokenKind.Incomplete or TokenKind.End) && !complete) || IsAtEnd(name, text, complete))
            {
                return InsertSplit.NeedMore;
            }

            if (name.Kind != TokenKind.Word)
            {
                return InsertSplit.NotInsert;
            }

            // Data starts after the first newline when there is one, else after the blanks
            // (ClickHouse's ParserInsertQuery).
            var data = name.Start + name.Length;
            while (data < text.Length && text[data] is (byte)' ' or (byte)'\t' or (byte)'\f')
            {
                data++;
            }

            if (data < text.Length && text[data] == '\r')
            {
                data++;
            }

            if (data < text.Length && text[data] == '\n')
            {
                data++;
            }
            else if (data == text.Length && !complete)
            {
                return InsertSplit.NeedMore;
            }

            return new InsertSplit(InsertSplitKind.Insert, token.Start, Encoding.UTF8.GetString(text.Slice(name.Start, name.Length)), data);
        }
    }

    /// <summary>The format a query names in its own FORMAT clause, if any.</summary>
    public static string? FindOutputFormat(ReadOnlySpan<byte> text)
    {
        var tokens = new Tokenizer(text);
        var depth = 0;
        string? format = null;
        for (var token = tokens.Next(); token.Kind is not (TokenKind.End or TokenKind.Incomplete); token = tokens.Next())
        {
            depth += token.Kind switch { TokenKind.Open => 1, TokenKind.Close => -1, _ => 0 };
            if (depth == 0 && token.Kind == TokenKind.Word && Is(text, token, "FORMAT"))
            {
                var name = tokens.Next();
                if (name.Kind == TokenKind.Word)
                {
                    format = Encoding.UTF8.GetString(text.Slice(name.Start, name.Length));
                }
            }
        }

        return format;
    }

    /// <summary>The first keyword of the statement, upper-cased ("SELECT", "SET", …).</summary>
    public static string? FirstKeyword(ReadOnlySpan<byte> text)
    {
        var token = new Tokenizer(text).Next();
        return token.Kind == TokenKind.Word
            ? Encoding.UTF8.GetString(text.Slice(token.Start, token.Length)).ToUpperInvariant()
            : null;
    }

    private static bool Is(ReadOnlySpan<byte> text, Token token, string keyword) =>
        token.Length == keyword.Length && Ascii.EqualsIgnoreCase(text.Slice(token.Start, token.Length), keyword);

    // A word that touches the end of an incomplete buffer may continue in the next read.
    private static bool IsAtEnd(Token token, ReadOnlySpan<byte> text, bool complete) =>
        !complete && token.Kind == TokenKind.Word && token.Start + token.Length == text.Length;

    private enum TokenKind
    {
        End,
        Incomplete,
        Word,
        Open,
        Close,
        Other,
    }

    private readonly record struct Token(TokenKind Kind, int Start, int Length);

    private ref struct Tokenizer(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> text = text;
        private int position;

        public Token Next()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v')
                {
                    position++;
                }
                else if (c == '-' && Peek(1) == '-')
                {
                    var end = text[position..].IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        return new Token(TokenKind.Incomplete, position, 0);
                    }

                    position += end + 1;
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    var end = text[(position + 2)..].IndexOf("*/"u8);
                    if (end < 0)
                    {
                        return new Token(TokenKind.Incomplete, position, 0);
                    }

                    position += end + 4;
                }
                else
                {
                    break;
                }
            }

            if (position >= text.Length)
            {
                return new Token(TokenKind.End, position, 0);
            }

            var start = position;
            var first = text[position];
            if (first is (byte)'\'' or (byte)'"' or (byte)'`')
            {
                return Quoted(first);
            }

            if (IsWordByte(first))
            {
                while (position < text.Length && IsWordByte(text[position]))
                {
                    position++;
                }

                return new Token(TokenKind.Word, start, position - start);
            }

            position++;
            return new Token(first switch { (byte)'(' or (byte)'[' => TokenKind.Open, (byte)')' or (byte)']' => TokenKind.Close, _ => TokenKind.Other }, start, 1);
        }

        private static bool IsWordByte(byte c) => char.IsAsciiLetterOrDigit((char)c) || c == '_' || c >= 0x80;

        private readonly int Peek(int offset) => position + offset < text.Length ? text[position + offset] : -1;

        private Token Quoted(byte quote)
        {
            var start = position++;
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '\\')
                {
                    position++;
                }
                else if (c == quote)
                {
                    if (position < text.Length && text[position] == quote)
                    {
                        position++;
                        continue;
                    }

                    return new Token(TokenKind.Other, start, position - start);
                }
            }

            return new Token(TokenKind.Incomplete, start, 0);
        }
    }
}

using System.IO.Compression;
using System.Net;
using System.Text;
using ZstdSharp;

namespace Streams.Platform.ClickHouse.Tests;

/// <summary>The ClickHouse HTTP interface as curl and other clients use it.</summary>
public sealed class HttpEndpointTests(ClickHouseServerFixture fixture) : IClassFixture<ClickHouseServerFixture>
{
    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("/ping")]
    [InlineData("/")]
    public async Task Get_PingOrRoot_ReturnsOk(string path)
    {
        var body = await Http.GetStringAsync(path);

        Assert.Equal("Ok.\n", body);
    }

    [Fact]
    public async Task Get_QueryInUrl_ReturnsTabSeparatedWithClickHouseHeaders()
    {
        using var response = await Http.GetAsync("/?query=SELECT%201%2C%20%27a%27&query_id=q-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1\ta\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("q-1", Header(response, "X-ClickHouse-Query-Id"));
        Assert.Equal("TabSeparated", Header(response, "X-ClickHouse-Format"));
        Assert.Equal("UTC", Header(response, "X-ClickHouse-Timezone")[^3..]);
        Assert.Contains("\"result_rows\":\"1\"", Header(response, "X-ClickHouse-Summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FormatClauseAndDefaultFormat_AnswerInThatFormat()
    {
        using var clause = await Http.PostAsync("/", new StringContent("SELECT 2 AS x FORMAT JSONEachRow"));
        using var byDefault = await Http.PostAsync("/?default_format=CSVWithNames", new StringContent("SELECT 3 AS x"));

        Assert.Equal("{\"x\":2}\n", await clause.Content.ReadAsStringAsync());
        Assert.Equal("JSONEachRow", Header(clause, "X-ClickHouse-Format"));
        Assert.Equal("\"x\"\n3\n", await byDefault.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ReadonlyRequests_RefuseTableFunctionsAndLeaveNoConnectionReadonly()
    {
        using var refused = await Http.PostAsync("/?readonly=1", new StringContent("SELECT * FROM file('/etc/hostname', 'LineAsString')"));
        Assert.Contains("READONLY", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // More read-only requests than pooled connections, then writes: each must find a writable connection.
        for (var i = 0; i < 8; i++)
        {
            using var read = await Http.PostAsync("/?readonly=1", new StringContent("SELECT getSetting('readonly')"));
            Assert.Equal("1\n", await read.Content.ReadAsStringAsync());
        }

        for (var i = 0; i < 8; i++)
        {
            using var setting = await Http.PostAsync("/", new StringContent("SELECT getSetting('readonly')"));
            Assert.Equal("0\n", await setting.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Post_QueryParameterInUrl_Bound()
    {
        using var response = await Http.PostAsync("/?param_id=5&param_name=x%27y",
            new StringContent("SELECT {id:UInt32} * 2, {name:String}"));

        Assert.Equal("10\tx\\'y\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("deflate")]
    public async Task Post_CompressedInsertAndQuery_Decoded(string encoding)
    {
        var table = ClickHouseServerFixture.UniqueTable("compressed");
        await PostOkAsync($"CREATE TABLE {table} (id UInt32, name String) ENGINE = MergeTree ORDER BY id");

        using var insert = await Http.PostAsync("/", Compressed($"INSERT INTO {table} FORMAT CSV\n1,one\n2,\"two, too\"\n", encoding));
        Assert.Equal(HttpStatusCode.OK, insert.StatusCode);
        Assert.Contains("\"written_rows\":\"2\"", Header(insert, "X-ClickHouse-Summary"), StringComparison.Ordinal);
        using var query = await Http.PostAsync("/", Compressed($"SELECT name FROM {table} ORDER BY id", encoding));

        Assert.Equal("one\ntwo, too\n", await query.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_InsertStatementInUrlDataInBody_Inserted()
    {
        var table = ClickHouseServerFixture.UniqueTable("url_insert");
        await PostOkAsync($"CREATE TABLE {table} (id UInt32, name String) ENGINE = MergeTree ORDER BY id");

        using var values = await Http.PostAsync($"/?query={Uri.EscapeDataString($"INSERT INTO {table} VALUES")}",
            new StringContent("(1, 'a'), (2, 'FORMAT b')"));
        using var json = await Http.PostAsync($"/?query={Uri.EscapeDataString($"INSERT INTO {table} FORMAT JSONEachRow")}",
            new StringContent("{\"id\":3,\"name\":\"c\"}"));

        Assert.Equal(HttpStatusCode.OK, values.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("a,FORMAT b,c\n", await PostOkAsync($"SELECT arrayStringConcat(groupArray(name), ',') FROM (SELECT name FROM {table} ORDER BY id)"));
    }

    [Theory]
    [InlineData("/?default_format=NoSuchFormat", "SELECT 1", HttpStatusCode.NotFound, "UNKNOWN_FORMAT")]
    [InlineData("/?param_id=abc", "SELECT {id:UInt32}", HttpStatusCode.BadRequest, "Code: ")]
    [InlineData("/?no_such_setting=1", "SELECT 1", HttpStatusCode.NotFound, "UNKNOWN_SETTING")]
    [InlineData("/?max_threads=many", "SELECT 1", HttpStatusCode.BadRequest, "CANNOT_PARSE")]
    [InlineData("/", "SELECT * FROM nowhere", HttpStatusCode.NotFound, "UNKNOWN_TABLE")]
    [InlineData("/", "SELEC 1", HttpStatusCode.BadRequest, "SYNTAX_ERROR")]
    [InlineData("/?database=no_such_db", "SELECT 1", HttpStatusCode.NotFound, "UNKNOWN_DATABASE")]
    public async Task Post_BadRequest_ClickHouseErrorAndServerKeepsServing(string path, string sql, HttpStatusCode status, string expected)
    {
        using var response = await Http.PostAsync(path, new StringContent(sql));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("Code: ", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.True(int.Parse(Header(response, "X-ClickHouse-Exception-Code"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("1\n", await PostOkAsync("SELECT 1"));
    }

    [Fact]
    public async Task Post_CorruptGzipBody_BadRequestAndServerKeepsServing()
    {
        // A valid gzip header, then a deflate block of the reserved type 3.
        using var content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff]);
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await Http.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("CANNOT_DECOMPRESS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\n", await PostOkAsync("SELECT 1"));
    }

    [Fact]
    public async Task Post_EmptyBody_EmptyQueryError()
    {
        using var response = await Http.PostAsync("/", new StringContent(" \n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Empty query", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownContentEncoding_ErrorNamesSupportedEncodings()
    {
        using var content = new StringContent("SELECT 1");
        content.Headers.ContentEncoding.Add("snappy");

        using var response = await Http.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("gzip, deflate, br and zstd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SetStatement_DoesNotLeakIntoLaterRequests()
    {
        for (var i = 0; i < 8; i++)
        {
            await PostOkAsync("SET max_threads = 1");
        }

        using var response = await Http.PostAsync("/?max_threads=3", new StringContent("SELECT getSetting('max_threads')"));
        Assert.Equal("3\n", await response.Content.ReadAsStringAsync());
        for (var i = 0; i < 8; i++)
        {
            Assert.NotEqual("1\n", await PostOkAsync("SELECT getSetting('max_threads')"));
            Assert.NotEqual("3\n", await PostOkAsync("SELECT getSetting('max_threads')"));
        }
    }

    [Fact]
    public async Task Post_ConcurrentQueries_RunInParallel()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostOkAsync("SELECT sleep(0.5), 1")));

        // Behind one lock four 0.5 s queries take 2 s; on the 4-connection pool they overlap
        // (0.41 s measured for 0.4 s sleeps); the margin absorbs a loaded CI machine.
        Assert.All(answers, a => Assert.Equal("0\t1\n", a));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 1.5);
    }

    [Fact]
    public async Task Post_UnknownPath_NotServed()
    {
        using var response = await Http.PostAsync("/nowhere", new StringContent("SELECT 1"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("There is no handle /nowhere", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static ByteArrayContent Compressed(string text, string encoding)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        using var buffer = new MemoryStream();
        if (encoding == "zstd")
        {
            using var compressor = new Compressor();
            buffer.Write(compressor.Wrap(raw));
        }
        else
        {
            using Stream stream = encoding == "gzip"
                ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)
                : new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
            stream.Write(raw);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private async Task<string> PostOkAsync(string sql)
    {
        using var response = await Http.PostAsync("/", new StringContent(sql));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;

namespace Streams.Api.Auth;

/// <summary>
/// API keys in the compacted <c>api-keys</c> topic, hashed with SHA-256: a key is 32 random
/// bytes, so a fast unsalted hash is enough (nothing to brute-force, unlike a password). Every
/// instance reads the topic from the start and follows it, so a key created or revoked on one
/// instance works or stops on all of them. The start blocks until the topic is read to its end:
/// an instance serving from half the topic would refuse valid keys and, seeing no admin key,
/// make another one.
/// </summary>
internal sealed partial class ApiKeyStore : IHostedService, IDisposable
{
    public const string KeyPrefix = "stk_";
    private readonly IKafkaEndpoint kafka;
    private readonly StreamsApiOptions options;
    private readonly ILogger logger;
    private readonly ApiKeyBook book;
    private readonly Lazy<IProducer<string, byte[]>> producer;
    private readonly CancellationTokenSource stopping = new();
    private CompactedTopicReader? reader;
    private Task following = Task.CompletedTask;
    private int disposed;

    public ApiKeyStore(IKafkaEndpoint kafka, IOptions<StreamsApiOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        this.kafka = kafka;
        this.options = options.Value;
        DataDir = Path.GetFullPath(options.Value.DataDir);
        logger = loggers.CreateLogger<ApiKeyStore>();
        book = new ApiKeyBook(loggers.CreateLogger<ApiKeyBook>());
        // Bootstrap servers are known only once the platform has started (the embedded broker picks its port).
        producer = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = 10_000,
        }).Build());
    }

    /// <summary>Where the first admin key is written (and where the pre-topic key file is imported from).</summary>
    public string DataDir { get; }

    public IReadOnlyList<ApiKeyRecord> All => book.All;

    /// <summary>The key's record, or null for an unknown key.</summary>
    public ApiKeyRecord? Find(string key) => book.FindByHash(Hash(key));

    /// <summary>Creates a key and returns once the topic has acknowledged it; the key itself is returned once and kept nowhere.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(Base64Url(RandomNumberGenerator.GetBytes(9)), name, role, Hash(key), DateTimeOffset.UtcNow);
        await WriteAsync(record.Id, JsonSerializer.SerializeToUtf8Bytes(record, ApiKeyBook.Json), cancellationToken);
        return (record, key);
    }

    /// <summary>Revokes a key on every instance (a tombstone); false when this instance knows no such key.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (book.FindById(id) is null)
        {
            return false;
        }

        await WriteAsync(id, null, cancellationToken);
        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        reader = new CompactedTopicReader(kafka.BootstrapServers, TopicCatalogue.ApiKeys.Name, TopicCatalogue.ApiKeys.Partitions, book.Apply, logger);
        // Unlike the alerting view, no partial start: retried until read (the reader logs each timeout).
        while (!await Task.Run(() => reader.CatchUp(options.ConfigCatchUpTimeout, cancellationToken), cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        await ImportKeyFileAsync(cancellationToken);
        var token = stopping.Token;
        following = Task.Factory.StartNew(() => reader.Run(token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        LogRead(book.All.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await following.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: the other services still get to stop, and the
            // reader's thread ends with the process. Said, so a slow stop is not a silent one.
            LogStopTimedOut();
        }
    }

    public void Dispose()
    {
        // Registered as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        following.Wait(TimeSpan.FromSeconds(5));
        reader?.Dispose();
        if (producer.IsValueCreated)
        {
            producer.Value.Dispose();
        }

        stopping.Dispose();
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Produces a record and, once acknowledged by every in-sync replica, applies it here so the caller reads what it wrote.</summary>
    private async Task WriteAsync(string id, byte[]? value, CancellationToken cancellationToken)
    {
        await producer.Value.ProduceAsync(TopicCatalogue.ApiKeys.Name, new Message<string, byte[]> { Key = id, Value = value! }, cancellationToken);
        book.Apply(id, value);
    }

    private async Task ImportKeyFileAsync(CancellationToken cancellationToken)
    {
        if (LegacyKeyFile.Read(DataDir) is not { } stored)
        {
            return;
        }

        var missing = stored.Where(k => !book.Knows(k.Id)).ToList();
        foreach (var record in missing)
        {
            await WriteAsync(record.Id, JsonSerializer.SerializeToUtf8Bytes(record, ApiKeyBook.Json), cancellationToken);
        }

        LegacyKeyFile.MarkImported(DataDir);
        LogImported(missing.Count, Path.Combine(DataDir, LegacyKeyFile.FileName));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API read {Keys} keys from api-keys")]
    private partial void LogRead(int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API imported {Keys} keys from {File} into api-keys and renamed the file; it is no longer read")]
    private partial void LogImported(int keys, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The api-keys reader did not stop within the host's shutdown timeout; it ends with the process")]
    private partial void LogStopTimedOut();
}

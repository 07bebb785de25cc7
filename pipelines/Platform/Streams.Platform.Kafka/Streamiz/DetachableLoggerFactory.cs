using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// The logger factory handed to Streamiz. Streamiz keeps the last one it was given in a static
/// and uses it from every later StreamConfig constructor, so the host's own factory, disposed
/// with its host, would make the next processor in the same process fail to start. This one
/// outlives the host and goes quiet once <see cref="Detach"/> is called at shutdown.
/// </summary>
internal sealed class DetachableLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private volatile ILoggerFactory target = inner;

    public void Detach() => target = NullLoggerFactory.Instance;

    public ILogger CreateLogger(string categoryName) => new DetachableLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => target.AddProvider(provider);

    public void Dispose() => Detach();

    private sealed class DetachableLogger(DetachableLoggerFactory factory, string category) : ILogger
    {
        private ILoggerFactory? source;
        private ILogger logger = NullLogger.Instance;

        private ILogger Current
        {
            get
            {
                var target = factory.target;
                if (!ReferenceEquals(target, source))
                {
                    logger = Create(target);
                    source = target;
                }

                return logger;
            }
        }

        // A host whose start failed disposes its factory without stopping its services, so
        // Detach may never run: a logging call must not then throw out of Streamiz.
        private ILogger Create(ILoggerFactory target)
        {
            try
            {
                return target.CreateLogger(category);
            }
            catch (ObjectDisposedException)
            {
                factory.Detach();
                return NullLogger.Instance;
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => Current.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => Current.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Current.Log(logLevel, eventId, state, exception, formatter);
    }
}

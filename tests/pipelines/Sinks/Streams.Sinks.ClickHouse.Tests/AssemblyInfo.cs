// chDB opens one data directory per process and the tests share one embedded platform, so
// test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

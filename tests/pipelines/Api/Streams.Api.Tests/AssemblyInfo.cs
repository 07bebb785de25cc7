// chDB opens one data directory per process and the tests share one platform and API host.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// chDB opens one data directory per process, so test classes that start a server run one
// after another; each class shares one server through its fixture.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

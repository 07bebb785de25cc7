// Scoring benchmarks: host-window scoring throughput (series-windows/s, one thread and all cores), model
// and state memory per series, a model's record size and the memory of every host's published model,
// training time per host, the cost of retraining (per fit, and per
// host-window with retraining on against off, time and allocations) and of cold-start judging;
// then `eval ...` arguments run the `streams eval` command itself.
// Usage: dotnet run -c Release --project tests/bench/Streams.Scoring.Benchmarks -- [bench [hosts] [series] [windows]]
//        dotnet run -c Release --project tests/bench/Streams.Scoring.Benchmarks -- eval smd --data ../shared/datasets/smd [--protocol live|literature] [--retrain-every N] [--span N] [--history train|none] [--no-cold-start] [--supervised] [--json]
//        dotnet run -c Release --project tests/bench/Streams.Scoring.Benchmarks -- eval nab --data ../shared/datasets/nab [--files ec2_cpu] [--no-cold-start] [--json]
//        ... -- --smoke (infra/test.sh): bench 2 hosts x 5 series x 200 windows
using Streams.Evaluation;
using Streams.Scoring.Benchmarks;

if (args.Length > 0 && args[0] == "eval")
{
    return await EvalCommand.Create().Parse(args[1..]).InvokeAsync();
}

ScoringBenchmark.Run(args is ["--smoke"] ? ["2", "5", "200"] : args.Length > 1 ? args[1..] : []);
return 0;

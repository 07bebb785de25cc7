namespace Streams.Alerting.Matching;

/// <summary>Alertmanager's matcher operators: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
public enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

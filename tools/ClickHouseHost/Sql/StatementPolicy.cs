namespace PokerTracker.Tools.ClickHouseHost.Sql;

/// <summary>
/// What this endpoint refuses to run. The engine is clickhouse-local, which does not confine
/// <c>file()</c> to a user-files folder and has no access control of its own, so everything that
/// reaches outside the data folder is refused here: table functions, table engines, dictionary
/// sources and scalar functions that read or write files, other servers or programs; INFILE and
/// OUTFILE clauses; SYSTEM statements. On GET (as in ClickHouse) and for the read-only user, only
/// reading statements run.
/// </summary>
internal static class StatementPolicy
{
    // Lower-case names that, followed by '(', reach outside: table functions, engines, dictionary sources.
    private static readonly HashSet<string> OutsideReaching = new(StringComparer.OrdinalIgnoreCase)
    {
        "file", "filelog", "filesystem", "url", "urlcluster", "s3", "s3cluster", "s3queue", "gcs", "oss", "cosn",
        "hdfs", "hdfscluster", "azureblobstorage", "azureblobstoragecluster", "azurequeue", "remote", "remotesecure",
        "cluster", "clusterallreplicas", "mysql", "postgresql", "materializedpostgresql", "mongodb", "redis", "sqlite",
        "odbc", "jdbc", "hive", "iceberg", "icebergs3", "icebergazure", "iceberghdfs", "icebergcluster", "deltalake",
        "deltalakes3", "deltalakeazure", "deltalakecluster", "hudi", "hudicluster", "paimon", "ytsaurus", "arrowflight",
        "executable", "executablepool", "kafka", "rabbitmq", "nats", "http", "clickhouse", "cassandra", "distributed",
    };

    private static readonly HashSet<string> ReadingStatements = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN", "CHECK",
    };

    /// <summary>Why the statement is refused, or null when it may run.</summary>
    public static string? Refusal(string sql, bool readOnly)
    {
        var tokens = Tokens(sql);
        if (tokens.Count == 0)
        {
            return null;
        }

        var first = tokens[0].Text;
        if (readOnly && !ReadingStatements.Contains(first))
        {
            return $"Cannot execute {first.ToUpperInvariant()} in readonly mode (GET requests and read-only users only read)";
        }

        if (first.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase))
        {
            return "SYSTEM statements are not allowed here";
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, callFollows, quoted) = tokens[i];
            if (callFollows && OutsideReaching.Contains(text))
            {
                return $"'{text}' reaches outside the database and is not allowed here";
            }

            if (!quoted && (text.Equals("INFILE", StringComparison.OrdinalIgnoreCase) || text.Equals("OUTFILE", StringComparison.OrdinalIgnoreCase)))
            {
                return $"{text.ToUpperInvariant()} is not allowed here";
            }
        }

        return null;
    }

    /// <summary>Identifiers (bare or quoted with ` or "), each marked when a '(' follows it; string literals and comments skipped.</summary>
    private static List<(string Text, bool CallFollows, bool Quoted)> Tokens(string sql)
    {
        var tokens = new List<(string, bool, bool)>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                i = StatementInspector.SkipQuoted(sql, i, '\'');
            }
            else if (c is '`' or '"')
            {
                var end = StatementInspector.SkipQuoted(sql, i, c);
                var name = sql[(i + 1)..Math.Max(i + 1, end - 1)].Replace(new string(c, 2), c.ToString(), StringComparison.Ordinal);
                tokens.Add((name, NextIsParen(sql, end), true));
                i = end;
            }
            else if ((c == '-' && i + 1 < sql.Length && sql[i + 1] == '-') || c == '#')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                tokens.Add((sql[start..i], NextIsParen(sql, i), false));
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    /// <summary>Whether the next thing after whitespace and comments is '('.</summary>
    private static bool NextIsParen(string sql, int i)
    {
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                return sql[i] == '(';
            }
        }

        return false;
    }
}

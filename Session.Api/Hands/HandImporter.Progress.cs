using PokerTracker.Contracts.Hands;
using PokerTracker.HandHistories.Parsing;

namespace PokerTracker.SessionApi.Hands;

public sealed partial class HandImporter
{
    /// <summary>The counts of a running import, per file and in all.</summary>
    private sealed class Progress(Guid id, DateTimeOffset startedAt, int listed)
    {
        private readonly List<FileProgress> _files = [];
        private readonly List<RefusedHand> _problems = [];

        private DateTimeOffset _reported;

        public string? StoppedBecause { get; set; }

        /// <summary>Saves the counts so far for whoever polls, at most once a second.</summary>
        public async Task ReportAsync(Func<Task> save, DateTimeOffset now)
        {
            if (now - _reported >= TimeSpan.FromSeconds(1))
            {
                _reported = now;
                await save();
            }
        }

        public int Imported => _files.Sum(f => f.Imported);

        public int Duplicates => _files.Sum(f => f.Duplicates);

        public FileProgress Start(string name)
        {
            var file = new FileProgress(name);
            _files.Add(file);
            return file;
        }

        public void Refuse(FileProgress file, int line, string? handId, string reason)
        {
            file.Refused++;
            if (_problems.Count < listed)
            {
                _problems.Add(new RefusedHand(file.Name, line, handId, reason));
            }
        }

        public HandImportReport Snapshot(string status, DateTimeOffset? finishedAt = null) => new(
            id, status, startedAt, finishedAt, _files.Sum(f => f.Hands), Imported, Duplicates, _files.Sum(f => f.Refused),
            [.. _files.Select(f => new ImportedFile(f.Name, f.Format, f.Hands, f.Imported, f.Duplicates, f.Refused, f.Error))], [.. _problems], StoppedBecause);

        public sealed class FileProgress(string name)
        {
            public string Name => name;
            public string? Format { get; set; }
            public int Hands { get; set; }
            public int Imported { get; set; }
            public int Duplicates { get; set; }
            public int Refused { get; set; }
            public string? Error { get; set; }
        }
    }
}

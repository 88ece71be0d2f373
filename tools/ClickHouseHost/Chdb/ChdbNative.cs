using System.Reflection;
using System.Runtime.InteropServices;

namespace PokerTracker.Tools.ClickHouseHost.Chdb;

/// <summary>The chDB C API (libchdb.so = the ClickHouse engine as a library).</summary>
internal static unsafe partial class ChdbNative
{
    private const string Library = "chdb";
    private static string? _path;

    /// <summary>Binds this assembly's imports of <c>chdb</c> to the given libchdb.so.</summary>
    public static void UseLibrary(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"libchdb.so not found at {path}; install the npm package @chdb/lib-linux-x64-gnu or pass --lib.", path);
        }

        _path = path;
        NativeLibrary.SetDllImportResolver(typeof(ChdbNative).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library && _path is not null ? NativeLibrary.Load(_path) : IntPtr.Zero;

    [LibraryImport(Library)]
    public static partial IntPtr chdb_version();

    [LibraryImport(Library)]
    public static partial void chdb_set_signal_handlers_enabled(int enabled);

    [LibraryImport(Library)]
    public static partial IntPtr* chdb_connect(int argc, IntPtr* argv);

    [LibraryImport(Library)]
    public static partial void chdb_close_conn(IntPtr* connection);

    [LibraryImport(Library)]
    public static partial int chdb_shutdown();

    [LibraryImport(Library)]
    public static partial IntPtr chdb_query_with_params_n(
        IntPtr connection, byte* query, nuint queryLength, byte* format, nuint formatLength,
        byte** names, nuint* nameLengths, byte** values, nuint* valueLengths, nuint count);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_insert_with_params_n(
        IntPtr connection, byte* query, nuint queryLength, byte* format, nuint formatLength,
        byte** names, nuint* nameLengths, byte** values, nuint* valueLengths, nuint count);

    [LibraryImport(Library)]
    public static partial int chdb_stream_append(IntPtr stream, byte* data, nuint length);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_done(IntPtr stream);

    [LibraryImport(Library)]
    public static partial void chdb_stream_cancel_insert(IntPtr stream);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_insert_error(IntPtr stream);

    [LibraryImport(Library)]
    public static partial void chdb_destroy_insert_stream(IntPtr stream);

    [LibraryImport(Library)]
    public static partial byte* chdb_result_buffer(IntPtr result);

    [LibraryImport(Library)]
    public static partial nuint chdb_result_length(IntPtr result);

    [LibraryImport(Library)]
    public static partial double chdb_result_elapsed(IntPtr result);

    [LibraryImport(Library)]
    public static partial ulong chdb_result_rows_read(IntPtr result);

    [LibraryImport(Library)]
    public static partial ulong chdb_result_bytes_read(IntPtr result);

    [LibraryImport(Library)]
    public static partial ulong chdb_result_rows_written(IntPtr result);

    [LibraryImport(Library)]
    public static partial ulong chdb_result_bytes_written(IntPtr result);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_result_error(IntPtr result);

    [LibraryImport(Library)]
    public static partial void chdb_destroy_query_result(IntPtr result);
}

namespace PokerTracker.AppHost.Engines;

/// <summary>
/// An engine started as a local process on a port allocated by the orchestrator. Its connection
/// string is the address clients use; the port is passed to the process as an argument.
/// </summary>
internal sealed class LocalEngineResource : ExecutableResource, IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    private readonly Func<EndpointReference, ReferenceExpression> _connectionString;

    public LocalEngineResource(string name, string command, string workingDirectory, Func<EndpointReference, ReferenceExpression> connectionString)
        : base(name, command, workingDirectory)
    {
        _connectionString = connectionString;
        Endpoint = new EndpointReference(this, EndpointName);
    }

    public EndpointReference Endpoint { get; }

    public ReferenceExpression ConnectionStringExpression => _connectionString(Endpoint);
}

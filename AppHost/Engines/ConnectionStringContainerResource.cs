namespace PokerTracker.AppHost.Engines;

/// <summary>A container whose clients connect through a connection string built from its endpoints.</summary>
internal sealed class ConnectionStringContainerResource : ContainerResource, IResourceWithConnectionString
{
    private readonly Func<ConnectionStringContainerResource, ReferenceExpression> _connectionString;

    public ConnectionStringContainerResource(string name, Func<ConnectionStringContainerResource, ReferenceExpression> connectionString)
        : base(name)
    {
        _connectionString = connectionString;
    }

    public EndpointReference GetEndpoint(string name) => new(this, name);

    public ReferenceExpression ConnectionStringExpression => _connectionString(this);
}

// The scenario files share these.
global using ClickHouse.Driver;
global using Confluent.Kafka;
global using Google.Protobuf;
global using PokerTracker.Contracts.Events;
global using PokerTracker.Contracts;
global using PokerTracker.TestSupport;
global using StackExchange.Redis;
global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text.Json.Nodes;

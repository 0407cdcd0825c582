namespace HaIngestor.Simulator;

/// <summary>Marker for the simulator assembly.</summary>
public static class SimulatorAssembly;

using HaIngestor.Fuzz;

return FuzzCommand.Run(args);

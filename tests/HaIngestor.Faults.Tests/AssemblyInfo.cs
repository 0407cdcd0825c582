// The scenarios start processes and servers of their own and measure peak RSS: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

# mk/perf.mk — the instruction budget that CI enforces (issue 18).
#
#   make perf-check    callgrind instruction counts of a cold approval sheet, a cold offer, the
#                      German offer and a batch of 20 against bench/budgets.json; fails when one
#                      exceeds its budget by more than 3 % and prints the groups that grew
#   make perf-budget   writes the current counts as the new budgets (for a change that is meant
#                      to cost more: say why in its commit)

.PHONY: perf-check perf-budget

perf-check: $(BUILD)/phasedoc $(HYPHEN_PACKED)
	python3 bench/perf-check $(BUILD)/phasedoc

perf-budget: $(BUILD)/phasedoc $(HYPHEN_PACKED)
	python3 bench/perf-check --write $(BUILD)/phasedoc

import { budgetStoreContract } from "./budget-store.contract";
import { createMemoryBudgetStore } from "./budget-store";

budgetStoreContract("in-memory", () => createMemoryBudgetStore());

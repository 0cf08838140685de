import { budgetStoreContract } from "@/lib/testing/budget-store-contract";
import { createMemoryBudgetStore } from "./budget-store";

budgetStoreContract("in-memory", () => createMemoryBudgetStore());

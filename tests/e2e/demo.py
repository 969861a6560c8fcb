PASSWORD = "parcours-navigateur-2026"

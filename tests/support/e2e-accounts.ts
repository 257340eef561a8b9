// The admin account the end-to-end server ensures at start (ADMIN_EMAIL / ADMIN_PASSWORD), for specs of the console.
export const E2E_ADMIN = { email: "admin@e2e.test", password: "admin password e2e" };

/// A framework `ministack actions codegen` writes handler code for, named as on the command line.
public enum CodegenFramework: String, CaseIterable, Sendable {
    /// Pydantic v2 models and a FastAPI app, run with uvicorn.
    case pythonFastAPI = "python-fastapi"
    /// TypeScript types and an Express handler.
    case typescriptExpress = "typescript-express"
}

// Placeholder so the ikuploads target has a source before the queue engine lands; delete it then.

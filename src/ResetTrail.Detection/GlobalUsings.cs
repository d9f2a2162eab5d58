global using ResetTrail.Detection.Engine;
